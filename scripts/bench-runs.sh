#!/usr/bin/env bash
# Times noisy runs and schedules (issue 11): `trajviz --surface rosenbrock --opt adam --noise 1
# --runs 20` with the figure and with only the CSV, the same with a schedule, and the MNIST MLP's
# training time (the summary's seconds) with and without --noise, interleaved, ROUNDS rounds
# (default 7); prints medians. Needs: swift, python3. Usage: scripts/bench-runs.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-7}"
scratch="${SCRATCH_PATH:-.build}"
swift build -c release --product trajviz --scratch-path "$scratch" >&2
bin="$(swift build -c release --product trajviz --scratch-path "$scratch" --show-bin-path)/trajviz"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# Wall time of one command in seconds.
measure() {
    python3 - "$@" <<'PY'
import subprocess, sys, time
t = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
print(f"{time.perf_counter() - t:.4f}")
PY
}

# The training seconds of the first optimizer in mnist's summary.
mnist_seconds() {
    "$bin" mnist --opt adam:lr=0.001 --epochs 3 --csv "$out/m.csv" "$@" | awk 'NR == 2 { print $NF }'
}

figure=(); csv=(); scheduled=(); clean=(); noisy=()
for ((i = 1; i <= rounds; i++)); do
    figure+=("$(measure "$bin" --surface rosenbrock --opt adam --noise 1 --runs 20 --output "$out/r.png")")
    csv+=("$(measure "$bin" --surface rosenbrock --opt adam --noise 1 --runs 20 --csv "$out/r.csv")")
    scheduled+=("$(measure "$bin" --surface rosenbrock --opt 'adam:lr=0.05@onecycle:max_lr=0.1' --opt 'sgd:lr=0.001,momentum=0.9@cosine:T_max=500' --noise 1 --runs 20 --csv "$out/s.csv")")
    clean+=("$(mnist_seconds)")
    noisy+=("$(mnist_seconds --noise 0.01)")
    echo "round $i: runs+figure ${figure[-1]} s, runs csv ${csv[-1]} s, scheduled ${scheduled[-1]} s, mnist ${clean[-1]} s, noisy ${noisy[-1]} s" >&2
done

python3 - "${figure[*]}" "${csv[*]}" "${scheduled[*]}" "${clean[*]}" "${noisy[*]}" <<'PY'
import statistics, sys
m = [statistics.median(float(v) for v in arg.split()) for arg in sys.argv[1:]]
print(f"--opt adam --noise 1 --runs 20, whole process with the figure   median {m[0] * 1000:7.1f} ms")
print(f"the same, CSV only                                             median {m[1] * 1000:7.1f} ms")
print(f"2 scheduled specs x 20 noisy runs, CSV only                    median {m[2] * 1000:7.1f} ms")
print(f"mnist adam, 3 epochs, training seconds: clean {m[3]:.3f} s, --noise 0.01 {m[4]:.3f} s ({m[4] / m[3]:.2f}x)")
PY
