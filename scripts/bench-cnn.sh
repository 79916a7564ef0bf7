#!/usr/bin/env bash
# CNN benchmark (issue 15): trajviz's CNN training (trajviz-bench mnist --model cnn) against the same work in
# torch (scripts/bench/torch_mnist.py --model cnn): Conv2d(1,32,3) ReLU MaxPool2d(2) Conv2d(32,64,3) ReLU
# MaxPool2d(2) Linear(1600,128) ReLU Linear(128,10), the bundled 4,000/1,000 subset, batch 100, Adam lr 0.001,
# EPOCHS epochs (default 4), test accuracy at each epoch's end, both on THREADS threads (default 2: OpenBLAS
# threads for trajviz, over which it splits each batch, one OpenBLAS thread per part; torch.set_num_threads for torch). Rounds are interleaved on the same machine; prints
# the medians of the steady-state seconds per epoch (the median of epochs 2..N inside each process, so
# torch's ~4 s import and first-touch costs are left out) and the ratio trajviz/torch (goal <= 1x), and the same for
# the CPU time per epoch (all threads), which moves less than wall time when others share the machine.
# Run it in a quiet period: on a shared machine the per-epoch times move by 10-20 % between rounds.
#
# usage: scripts/bench-cnn.sh [ROUNDS]      (default 3; needs python3 with torch and numpy)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
scratch="${SCRATCH:-.build-mnist}"
threads="${THREADS:-2}"
epochs="${EPOCHS:-4}"

python3 -c "import torch, numpy" 2>/dev/null || { echo "scripts/bench-cnn.sh: needs python3 with torch and numpy" >&2; exit 1; }
swift build -c release --scratch-path "$scratch" --product trajviz-bench >&2
bench="$(swift build -c release --scratch-path "$scratch" --show-bin-path)/trajviz-bench"

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
for round in $(seq 1 "$rounds"); do
    echo "round $round/$rounds" >&2
    "$bench" mnist --model cnn --epochs "$epochs" --threads "$threads" | tee -a "$out/trajviz" >&2
    python3 scripts/bench/torch_mnist.py --model cnn --epochs "$epochs" --threads "$threads" | tee -a "$out/torch" >&2
done

python3 - "$out" "$rounds" "$threads" "$epochs" <<'PY'
import os, statistics, sys
out, rounds, threads, epochs = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]

def medians(name):
    rows = [dict(kv.split("=", 1) for kv in line.split() if "=" in kv) for line in open(os.path.join(out, name))]
    return {k: statistics.median(float(r[k]) for r in rows) for k in ("epoch_seconds", "epoch_cpu_seconds", "accuracy")}, [float(r["epoch_seconds"]) for r in rows]

s, s_all = medians("trajviz")
t, t_all = medians("torch")
print(f"# median of {rounds} rounds: the CNN, 4,000 train / 1,000 test, batch 100, Adam lr 0.001, {epochs} epochs, {threads} threads")
print(f"{'run':10s} {'s/epoch':>9s} {'CPU s/epoch':>12s} {'accuracy':>9s}  rounds (s/epoch)")
for label, m, every in (("trajviz", s, s_all), ("torch", t, t_all)):
    print(f"{label:10s} {m['epoch_seconds']:9.4f} {m['epoch_cpu_seconds']:12.4f} {m['accuracy']:9.3f}  {' '.join(f'{v:.3f}' for v in every)}")
print(f"per-epoch ratio trajviz/torch: {s['epoch_seconds'] / t['epoch_seconds']:.2f}x (goal <= 1x); "
      f"CPU time per epoch (all threads): {s['epoch_cpu_seconds'] / t['epoch_cpu_seconds']:.2f}x")
PY
