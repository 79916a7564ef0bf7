#!/usr/bin/env bash
# Times `trajviz --surface rosenbrock --opt all --output x.png` against the PyTorch + matplotlib
# script that draws the same kind of figure (scripts/bench/matplotlib_figure.py), interleaved,
# ROUNDS rounds (default 7), and prints both medians, the ratio and each one's peak memory.
# Needs: swift, python3 with torch, numpy, matplotlib. Usage: scripts/bench-render.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-7}"
scratch="${SCRATCH_PATH:-.build}"
swift build -c release --product trajviz --scratch-path "$scratch" >&2
bin="$(swift build -c release --product trajviz --scratch-path "$scratch" --show-bin-path)/trajviz"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# Wall time in seconds and peak RSS in KiB of one command, via python's resource module
# (works where /usr/bin/time is missing).
measure() {
    python3 - "$@" <<'PY'
import resource, subprocess, sys, time
t = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
dt = time.perf_counter() - t
print(f"{dt:.4f} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")
PY
}

ours=(); theirs=(); our_rss=0; their_rss=0
for ((i = 1; i <= rounds; i++)); do
    read -r t rss < <(measure "$bin" --surface rosenbrock --opt all --output "$out/trajviz.png")
    ours+=("$t"); (( rss > our_rss )) && our_rss=$rss
    read -r t rss < <(measure python3 scripts/bench/matplotlib_figure.py "$out/matplotlib.png")
    theirs+=("$t"); (( rss > their_rss )) && their_rss=$rss
    echo "round $i: trajviz ${ours[-1]} s, matplotlib ${theirs[-1]} s" >&2
done

python3 - "${ours[*]}" "${theirs[*]}" "$our_rss" "$their_rss" <<'PY'
import statistics, sys
ours = [float(v) for v in sys.argv[1].split()]
theirs = [float(v) for v in sys.argv[2].split()]
a, b = statistics.median(ours), statistics.median(theirs)
print(f"trajviz    median {a * 1000:8.1f} ms   peak RSS {int(sys.argv[3]) / 1024:7.1f} MiB")
print(f"matplotlib median {b * 1000:8.1f} ms   peak RSS {int(sys.argv[4]) / 1024:7.1f} MiB")
print(f"ratio      {b / a:.1f}x faster (issue 17 asks >= 100x, and under 50 MiB)")
PY
