#!/usr/bin/env bash
# Expression-surface cost (issue 18, item 7): how drawing and stepping a surface file grow with
# the size of its formula. For formulas of N distinct terms (c·x² or c·y², so nothing can be
# shared), prints the operations after compiling, the median wall time of the default figure
# (a 400 x 400 grid of values) and of 18 x 2,000 steps (values and gradients), and the time per
# operation-evaluation. Run it in a quiet period: the machine is shared.
#
# usage: scripts/bench-expressions.sh [ROUNDS]    (default 3)
#        BIN=path/to/trajviz scripts/bench-expressions.sh   (compare another build)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
if [ -z "${BIN:-}" ]; then
    swift build -c release --product trajviz >&2
    BIN="$(swift build -c release --show-bin-path)/trajviz"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import random, sys
random.seed(1)
for n in [10, 100, 1000, 2400]:
    terms = " + ".join(f"{random.uniform(0.001, 0.01):.6f}*{random.choice('xy')}^2" for _ in range(n))
    open(f"{sys.argv[1]}/t{n}.toml", "w").write(f'name = "t{n}"\nf = "{terms}"\nx = [-2, 2]\ny = [-2, 2]\nstart = [1.5, 1.5]\nlevels = "log"\n')
PY

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N); echo "$e - $s" | bc -l; }

printf "%6s %10s %12s %12s %16s\n" terms operations figure_s steps_s ns_per_op_step
for n in 10 100 1000 2400; do
    file="$work/t$n.toml"
    fig=(); steps=()
    for r in $(seq 1 "$rounds"); do     # interleaved: figure, steps, figure, steps, ...
        fig+=("$(seconds "$BIN" --surface "$file" --opt adam --steps 0 --output "$work/f.png")")
        steps+=("$(seconds "$BIN" --surface "$file" --opt all --steps 2000 --csv /dev/null)")
    done
    f=$(printf "%s\n" "${fig[@]}" | median); s=$(printf "%s\n" "${steps[@]}" | median)
    # Operations: the compiled size, as `trajviz list` shows it for a file in ./surfaces.
    mkdir -p "$work/list/surfaces" && cp "$file" "$work/list/surfaces/"
    ops=$(cd "$work/list" && "$BIN" list surfaces | sed -n 's/.*cost *\([0-9]*\) operations.*/\1/p' | head -1)
    rm -f "$work/list/surfaces/"*
    per=$(echo "$s * 1000000000 / ($ops * 36000)" | bc -l | xargs printf "%.1f")
    printf "%6s %10s %12.3f %12.3f %16s\n" "$n" "$ops" "$f" "$s" "$per"
done
