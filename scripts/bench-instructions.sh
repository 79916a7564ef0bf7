#!/usr/bin/env bash
# Counts the instructions one trajviz command executes, under valgrind's callgrind, and prints
# the total, the share of each library and the costliest functions (self cost).
#
# Why: on this project's shared 2-core VM the same binary's wall and CPU times move by 30-50%
# from run to run (host load), so a change of a few percent cannot be seen in seconds. The
# instruction count of the same command moves by well under 0.1%: compare it before and after a
# change, then confirm with the timed benchmarks (scripts/bench-render.sh) that it shows.
# Instructions are not time (igzip's SIMD and Cairo's memory traffic cost more or less per
# instruction than our code), and callgrind runs threads one at a time, so it says nothing of
# how well the work is shared between cores.
#
# Needs valgrind (Debian: apt-get install valgrind).
# Usage: scripts/bench-instructions.sh [TRAJVIZ ARGUMENTS...]
#   default: --surface rosenbrock --opt all --output FIGURE.png (the default figure)
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v valgrind >/dev/null || ! command -v callgrind_annotate >/dev/null; then
    echo "bench-instructions: needs valgrind; install it with: apt-get install valgrind" >&2
    exit 1
fi
scratch="${SCRATCH_PATH:-.build}"
swift build -c release --product trajviz --scratch-path "$scratch" >&2
bin="$(swift build -c release --product trajviz --scratch-path "$scratch" --show-bin-path)/trajviz"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# valgrind gives up on the Swift binary's DWARF 5 debug information; a copy without it keeps the
# symbol table, which is all callgrind needs to name functions.
strip -g -o "$out/trajviz" "$bin"
if (($# == 0)); then set -- --surface rosenbrock --opt all --output "$out/figure.png"; fi

valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.out" "$out/trajviz" "$@" \
    >/dev/null 2>"$out/valgrind.log" || { cat "$out/valgrind.log" >&2; exit 1; }
callgrind_annotate --inclusive=no --threshold=100 "$out/callgrind.out" >"$out/annotated.txt" 2>/dev/null

python3 - "$out/annotated.txt" "$*" <<'PY'
import collections, re, subprocess, sys
lines = open(sys.argv[1]).read().splitlines()
total = next(int(l.split()[0].replace(",", "")) for l in lines if "PROGRAM TOTALS" in l)
rows = []
for line in lines:
    m = re.match(r"\s*([\d,]+) \([ \d.]+%\)\s+(.*?)\s+\[(.*)\]\s*$", line)
    if m:
        rows.append((int(m.group(1).replace(",", "")), m.group(2).split(":", 1)[-1], m.group(3).split("/")[-1]))
by_object = collections.Counter()
for cost, _, obj in rows:
    by_object[re.sub(r"\.so[.\d]*$", "", obj)] += cost
names = [name for _, name, _ in rows[:15]]
try:  # Swift symbols in their readable form, when the toolchain's demangler is at hand.
    names = subprocess.run(["swift", "demangle", "--simplified", "--compact"], input="\n".join(names),
                           capture_output=True, text=True, check=True).stdout.splitlines()
except (OSError, subprocess.CalledProcessError):
    pass
print(f"trajviz {sys.argv[2]}")
print(f"{total:>15,} instructions")
print("\nby library:")
for obj, cost in by_object.most_common(8):
    print(f"  {cost:>13,}  {100 * cost / total:5.1f}%  {'trajviz' if obj == 'trajviz' else obj}")
print("\ncostliest functions (self):")
for (cost, _, obj), name in zip(rows[:15], names):
    print(f"  {cost:>13,}  {100 * cost / total:5.1f}%  {name[:90]}  [{obj}]")
PY
