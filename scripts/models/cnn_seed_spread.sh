#!/usr/bin/env bash
# Is the CNN's test accuracy after 5 epochs of Adam (lr 0.001, batch 100, the bundled 4,000/1,000 subset)
# systematically different between trajviz and torch, or only seed to seed? Trains both over SEEDS seeds
# (default 5: 0..4), each with its own initialisation and shuffling (trajviz: SplitMix64 from --seed;
# torch: torch.manual_seed(s) for the default init, a seeded generator for the order, as
# scripts/bench/torch_mnist.py does), and prints every accuracy and each side's mean, standard deviation,
# minimum and maximum. Slow: about 10 CNN trainings of 5 epochs (minutes on a quiet 2-core machine).
#
# usage: scripts/models/cnn_seed_spread.sh [SEEDS]      (needs python3 with torch and numpy)
set -euo pipefail
cd "$(dirname "$0")/../.."
seeds="${1:-5}"
scratch="${SCRATCH:-.build-mnist}"
threads="${THREADS:-1}"
python3 -c "import torch, numpy" 2>/dev/null || { echo "cnn_seed_spread.sh: needs python3 with torch and numpy" >&2; exit 1; }
swift build -c release --scratch-path "$scratch" --product trajviz-bench >&2
bench="$(swift build -c release --scratch-path "$scratch" --show-bin-path)/trajviz-bench"

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
for s in $(seq 0 $((seeds - 1))); do
    echo "seed $s/$((seeds - 1))" >&2
    "$bench" mnist --model cnn --epochs 5 --seed "$s" --threads "$threads" | tee -a "$out/trajviz" >&2
    python3 scripts/bench/torch_mnist.py --model cnn --epochs 5 --seed "$s" --threads "$threads" | tee -a "$out/torch" >&2
done
python3 - "$out" <<'PY'
import os, statistics, sys
out = sys.argv[1]
print("# CNN, Adam lr 0.001, batch 100, 5 epochs: test accuracy (%) on the bundled 1,000 records, seeds 0..N-1")
for name in ("trajviz", "torch"):
    acc = [100 * float(dict(kv.split("=", 1) for kv in line.split() if "=" in kv)["accuracy"]) for line in open(os.path.join(out, name))]
    sd = statistics.stdev(acc) if len(acc) > 1 else 0.0
    print(f"{name:8s} mean {statistics.mean(acc):6.2f}  sd {sd:4.2f}  min {min(acc):5.1f}  max {max(acc):5.1f}  "
          f"each {' '.join(f'{a:.1f}' for a in acc)}")
PY
