#!/usr/bin/env bash
# BLAS kernel benchmark (issue 17): the MLP's steady-state epoch (trajviz-bench mnist: 784-128-10,
# batch 100, Adam, one BLAS thread) with each OpenBLAS kernel set this CPU can run, forced through
# OPENBLAS_CORETYPE, against trajviz's own choice; ROUNDS interleaved rounds (default 5), medians.
# Prescott is what Debian's OpenBLAS 0.3.21 falls back to on a CPU newer than itself.
#
# usage: scripts/bench-blas.sh [ROUNDS]       (needs swift and python3)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-5}"
scratch="${SCRATCH_PATH:-.build}"
swift build -c release --product trajviz-bench --scratch-path "$scratch" >&2
bench="$(swift build -c release --product trajviz-bench --scratch-path "$scratch" --show-bin-path)/trajviz-bench"

# Kernel sets by the instructions they need; only those the CPU (and OS) support are run.
flags="$(grep -m1 '^flags' /proc/cpuinfo)"
sets=("" Prescott Nehalem)
[[ $flags == *" avx "* ]] && sets+=(Sandybridge)
[[ $flags == *" avx2 "* && $flags == *" fma "* ]] && sets+=(Haswell Zen)
[[ $flags == *" avx512f "* && $flags == *" avx512bw "* && $flags == *" avx512vl "* && $flags == *" avx512dq "* ]] && sets+=(SkylakeX)
[[ $flags == *" avx512_bf16 "* ]] && sets+=(Cooperlake)

python3 - "$bench" "$rounds" "${sets[@]}" <<'PY'
import os, statistics, subprocess, sys
bench, rounds, sets = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
times, accuracy, kernels = {s: [] for s in sets}, {}, {}
for r in range(rounds):
    for s in sets:
        env = dict(os.environ)
        env.pop("OPENBLAS_CORETYPE", None)
        if s:
            env["OPENBLAS_CORETYPE"] = s
        out = subprocess.run([bench, "mnist", "--epochs", "6", "--threads", "1"], env=env, check=True,
                             stdout=subprocess.PIPE, text=True).stdout.strip().splitlines()[-1]
        kv = dict(x.split("=", 1) for x in out.split() if "=" in x)
        times[s].append(float(kv["epoch_seconds"]))
        accuracy[s], kernels[s] = kv["accuracy"], kv["kernels"]
    print(f"round {r + 1}/{rounds}", file=sys.stderr)
chosen = statistics.median(times[""])
print(f"# median of {rounds} rounds, steady-state seconds per epoch, one BLAS thread")
for s in sets:
    label = f"trajviz's choice ({kernels[s]})" if not s else f"OPENBLAS_CORETYPE={s} ({kernels[s]})"
    m = statistics.median(times[s])
    print(f"{label:46s} {m * 1000:7.1f} ms  {m / chosen:5.2f}x  accuracy {accuracy[s]}")
PY
