#!/usr/bin/env bash
# Exports against their size (issue 17, item 4): `trajviz --opt all --steps N --csv big.csv`
# (18 paths: 18 (N + 1) rows), the same with `--json big.json`, and `trajviz compare` of two such
# CSVs, for N = 1e4, 1e5, 1e6 (or the N given), each measured by /usr/bin/time -v.
# Prints wall time, user and system CPU, and peak RSS. The target at N = 1e6: the CSV (18M rows,
# ~1.3 GB) under 8 s and under 100 MB, and compare in bounded memory. The files go to
# $EXPORT_DIR (default: a temporary folder; it needs ~3 GB at 1e6).
# Wall time is noisy on a shared machine; user + sys CPU is the steadier number.
# Usage: scripts/bench-export.sh [STEPS...]
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="${SCRATCH_PATH:-.build}"
swift build -c release --product trajviz --scratch-path "$scratch" >&2
bin="$(swift build -c release --product trajviz --scratch-path "$scratch" --show-bin-path)/trajviz"
out="$(mktemp -d "${EXPORT_DIR:-${TMPDIR:-/tmp}}/bench-export.XXXXXX")"
trap 'rm -rf "$out"' EXIT
steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(10000 100000 1000000)

measure() {  # label, command...
    local label="$1"; shift
    local log="$out/time.log"
    /usr/bin/time -v -o "$log" "$@" >/dev/null 2>"$out/stderr" || { cat "$out/stderr" >&2; return 1; }
    awk -v label="$label" -F': ' '
        /Elapsed \(wall clock\)/ { n = split($2, p, ":"); wall = (n == 3) ? p[1] * 3600 + p[2] * 60 + p[3] : p[1] * 60 + p[2] }
        /User time/ { user = $2 } /System time/ { sys = $2 } /Maximum resident/ { rss = $2 }
        END { printf "%-34s %8.2f s %8.2f s %7.2f s %8.1f MiB\n", label, wall, user, sys, rss / 1024 }' "$log"
}

printf "%-34s %10s %10s %9s %12s\n" "case" "wall" "user" "sys" "peak RSS"
for n in "${steps[@]}"; do
    rows=$(( 18 * (n + 1) ))
    measure "csv   --steps $n ($rows rows)" "$bin" --opt all --steps "$n" --csv "$out/a.csv"
    measure "json  --steps $n" "$bin" --opt all --steps "$n" --json "$out/a.json"
    rm -f "$out/a.json"
    cp "$out/a.csv" "$out/b.csv"
    measure "compare two CSVs of $rows rows" "$bin" compare "$out/a.csv" "$out/b.csv"
    printf "%-34s %s\n" "  (CSV size)" "$(du -h "$out/a.csv" | cut -f1)"
    rm -f "$out/a.csv" "$out/b.csv"
done
