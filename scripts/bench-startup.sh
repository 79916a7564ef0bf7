#!/usr/bin/env bash
# Start-up benchmark (issue 17): the wall time of commands that do almost nothing, the whole process,
# interleaved, ROUNDS rounds (default 30), medians; the shared libraries the binary maps at start and
# whether OpenBLAS is among them (it must not be: `trajviz mnist` loads it when it trains).
# Goal: `trajviz --version` and `trajviz list` under 15 ms.
#
# usage: scripts/bench-startup.sh [ROUNDS]        (needs swift and python3)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-30}"
scratch="${SCRATCH_PATH:-.build}"
swift build -c release --product trajviz --scratch-path "$scratch" >&2
bin="$(swift build -c release --product trajviz --scratch-path "$scratch" --show-bin-path)/trajviz"

echo "shared libraries mapped at start: $(ldd "$bin" | wc -l) ($(ldd "$bin" | grep -cE 'openblas|gfortran') of them OpenBLAS or gfortran)"
python3 - "$bin" "$rounds" <<'PY'
import statistics, subprocess, sys, time
binary, rounds = sys.argv[1], int(sys.argv[2])
commands = {"--version": ["--version"], "list": ["list"], "--help": ["--help"],
            "an error (unknown surface)": ["--surface", "nope"]}
times = {name: [] for name in commands}
for _ in range(rounds):
    for name, args in commands.items():
        start = time.perf_counter()
        subprocess.run([binary] + args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times[name].append(time.perf_counter() - start)
for name, samples in times.items():
    print(f"trajviz {name:28s} median {statistics.median(samples) * 1000:6.1f} ms   min {min(samples) * 1000:6.1f} ms")
print("goal: --version and list under 15 ms")
PY
