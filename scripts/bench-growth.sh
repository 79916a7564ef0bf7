#!/usr/bin/env bash
# Growth benchmark (issue 17): how each main job's time and peak memory grow with its size, so that
# nothing grows faster than its work without anyone seeing it, and the peer ratios of the same run.
#
#   steps       1e3 ... 1e6   surface command: figure, CSV export, JSON export, compare of the CSV
#   optimizers  1 ... 18      the default figure with the first N optimizers of the registry
#   grid        100 ... 800   grid sampling and marching squares (trajviz-bench figure --grid G)
#   epochs      1 ... 20      trajviz mnist on the bundled subset
#   records     4k ... 60k    trajviz mnist, one epoch of Fashion-MNIST (Debian's dataset-fashion-mnist)
#   peers       the default figure against torch + matplotlib, the MNIST epoch against torch (2 threads),
#               interleaved rounds, medians
#
# Every command runs under /usr/bin/time (wall seconds, peak RSS) and `timeout`; each size is the
# median of ROUNDS runs. For each step up in size the table shows the growth exponent
# log(t2/t1)/log(n2/n1): about 1 is linear in the work, 0 is flat; a '!' marks one above 1.25
# (where both times are over 50 ms, so that start-up noise does not trip it).
#
# usage: scripts/bench-growth.sh [--quick] [--rounds N] [--timeout S] [--jobs steps,optimizers,...]
#   --quick     small sizes, one round (a smoke test of the script itself)
#   --rounds N  runs per size (default 3) and peer rounds (default 5)
#   --timeout S seconds before a run is stopped and shown as 'timeout' (default 300)
#   --jobs      a comma-separated subset of: steps,optimizers,grid,epochs,records,peers
#
# Needs: swift, python3; installs its own Debian packages (time, dataset-fashion-mnist) with
# scripts/install-deps. The peers need python3 with torch and matplotlib; without them the peer
# lines say so. Run it on a quiet machine: every number is wall-clock time.
set -euo pipefail
cd "$(dirname "$0")/.."

# The benchmark's own packages (not the tests'): GNU time for peak memory, Fashion-MNIST for the
# records series.
scripts/install-deps time dataset-fashion-mnist

scratch="${SCRATCH_PATH:-.build}"
swift build -c release --product trajviz --scratch-path "$scratch" >&2
swift build -c release --product trajviz-bench --scratch-path "$scratch" >&2
bin="$(swift build -c release --scratch-path "$scratch" --show-bin-path)"

exec python3 scripts/bench/growth.py --trajviz "$bin/trajviz" --bench "$bin/trajviz-bench" "$@"
