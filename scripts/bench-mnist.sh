#!/usr/bin/env bash
# MNIST benchmark (issue 5): trajviz's MLP training (trajviz-bench mnist) against the same work in torch
# (scripts/bench/torch_mnist.py): 784-128-10 ReLU, the bundled 4,000/1,000 subset, batch 100, Adam
# lr 0.001, 5 epochs, test accuracy at each epoch's end. Rounds are interleaved on the same machine;
# prints medians of the steady-state seconds per epoch (epochs 2..N) and of the whole process's
# wall time (start-up, loading, training), with trajviz/torch ratios (goal <= 1x per epoch, aim 0.7x), and
# of the CPU time per epoch (all threads), which moves less than wall time when others share the machine.
# trajviz runs with OpenBLAS on 1 and on 2 threads (which is faster at these sizes is part of the
# question); torch with TORCH_THREADS threads (default 2).
#
# usage: scripts/bench-mnist.sh [ROUNDS]      (default 5; needs python3 with torch for the ratios)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-5}"
scratch="${SCRATCH:-.build-mnist}"
torch_threads="${TORCH_THREADS:-2}"
epochs=5

swift build -c release --scratch-path "$scratch" --product trajviz-bench >&2
bench="$(swift build -c release --scratch-path "$scratch" --show-bin-path)/trajviz-bench"

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
have_torch=1
python3 -c "import torch, numpy" 2>/dev/null || have_torch=0
[ "$have_torch" = 1 ] || echo "torch not importable: trajviz times only" >&2

# Runs a command, appends its stdout line plus process_seconds=<wall time> to a file.
timed() {
    local file="$1"; shift
    local start end line
    start=$(date +%s.%N)
    line="$("$@")"
    end=$(date +%s.%N)
    echo "$line process_seconds=$(awk "BEGIN { print $end - $start }")" >> "$file"
}

for round in $(seq 1 "$rounds"); do
    echo "round $round/$rounds" >&2
    timed "$out/swift1" "$bench" mnist --epochs "$epochs" --threads 1
    if [ "$have_torch" = 1 ]; then
        timed "$out/torch" python3 scripts/bench/torch_mnist.py --epochs "$epochs" --threads "$torch_threads"
    fi
    timed "$out/swift2" "$bench" mnist --epochs "$epochs" --threads 2
done

python3 - "$out" "$rounds" "$torch_threads" <<'PY'
import os, statistics, sys
out, rounds, torch_threads = sys.argv[1], int(sys.argv[2]), sys.argv[3]

def medians(name):
    path = os.path.join(out, name)
    if not os.path.exists(path):
        return None
    rows = [dict(kv.split("=", 1) for kv in line.split() if "=" in kv) for line in open(path)]
    return {k: statistics.median(float(r[k]) for r in rows) for k in ("epoch_seconds", "epoch_cpu_seconds", "process_seconds", "accuracy")}

s1, s2, t = medians("swift1"), medians("swift2"), medians("torch")
print(f"# median of {rounds} rounds: 784-128-10 ReLU, 4,000 train / 1,000 test, batch 100, Adam lr 0.001, 5 epochs")
print(f"{'run':24s} {'s/epoch':>9s} {'CPU s/epoch':>12s} {'process s':>10s} {'accuracy':>9s}")
for label, m in ((f"trajviz, 1 BLAS thread", s1), (f"trajviz, 2 BLAS threads", s2), (f"torch, {torch_threads} threads", t)):
    if m:
        print(f"{label:24s} {m['epoch_seconds']:9.4f} {m['epoch_cpu_seconds']:12.4f} {m['process_seconds']:10.3f} {m['accuracy']:9.3f}")
best = min((s1, s2), key=lambda m: m["epoch_seconds"])
print(f"trajviz: 1 thread {'beats' if s1['epoch_seconds'] < s2['epoch_seconds'] else 'loses to'} 2 threads "
      f"({s1['epoch_seconds'] / s2['epoch_seconds']:.2f}x the time per epoch)")
if t:
    print(f"per-epoch ratio trajviz/torch: {s1['epoch_seconds'] / t['epoch_seconds']:.2f}x with 1 thread, "
          f"{s2['epoch_seconds'] / t['epoch_seconds']:.2f}x with 2 (goal <= 1x, aim 0.7x)")
    print(f"per-epoch CPU-time ratio trajviz/torch (all threads; steadier than wall time on a shared machine): "
          f"{s1['epoch_cpu_seconds'] / t['epoch_cpu_seconds']:.2f}x with 1 thread, {s2['epoch_cpu_seconds'] / t['epoch_cpu_seconds']:.2f}x with 2")
    print(f"test accuracy after 5 epochs: trajviz {s1['accuracy']:.3f} (1 thread) / {s2['accuracy']:.3f} (2), torch {t['accuracy']:.3f}")
    print(f"whole-process ratio trajviz/torch: {s1['process_seconds'] / t['process_seconds']:.2f}x with 1 thread, "
          f"{s2['process_seconds'] / t['process_seconds']:.2f}x with 2")
PY
