#!/usr/bin/env bash
# Exports and reading them back against their size (issue 17, item 4), in one run:
#   csv      trajviz --opt all --steps N --csv a.csv        (18 paths: 18 (N + 1) rows)
#   json     trajviz --opt all --steps N --json a.json
#   compare  trajviz compare a.csv b.csv                    (two such CSVs, equal bytes)
#   compare' trajviz compare a.csv c.csv                    (c: every number written differently, so each is read)
#   replay   trajviz replay a.json --csv r.csv              (N <= REPLAY_MAX only: see below)
#   compare  trajviz compare a.json b.json                  (two equal manifests; N <= REPLAY_MAX)
# for N = 1e4, 1e5, 1e6 (or the N given). Each case runs REPEAT times (default 3) under
# /usr/bin/time -v; printed are the medians of wall time, CPU time (user + sys) and peak RSS,
# and the CPU time per row. Cost should grow with N (per-row time flat) and memory stay flat.
# Targets at N = 1e6: csv under 8 s and under 100 MB; compare in bounded memory, well under
# 1 us a row.
# replay and compare of manifests read the file in windows (ManifestReader: the paths' numbers are
# checked, then read again a piece at a time), so their peak RSS should stay flat too (replay holds
# one replayed path: 32 bytes a step). They run for N <= REPLAY_MAX (default 1000000).
# The files go to $EXPORT_DIR (default: a temporary folder; it needs ~4.5 GB at 1e6).
# Wall time is noisy on a shared machine; CPU time and peak RSS are the steadier numbers.
# Usage: scripts/bench-export.sh [STEPS...]
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="${SCRATCH_PATH:-.build}"
swift build -c release --product trajviz --scratch-path "$scratch" >&2
bin="$(swift build -c release --product trajviz --scratch-path "$scratch" --show-bin-path)/trajviz"
out="$(mktemp -d "${EXPORT_DIR:-${TMPDIR:-/tmp}}/bench-export.XXXXXX")"
trap 'rm -rf "$out"' EXIT
repeat="${REPEAT:-3}"
replay_max="${REPLAY_MAX:-1000000}"
steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(10000 100000 1000000)

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

measure() {  # label, rows, command...  (exit 0 or 1 (compare: differ) count as run)
    local label="$1" rows="$2"; shift 2
    local walls=() cpus=() rsss=()
    for ((r = 0; r < repeat; r++)); do
        local log="$out/time.log" status=0
        /usr/bin/time -v -o "$log" "$@" >/dev/null 2>"$out/stderr" || status=$?
        if [ "$status" -gt 1 ]; then cat "$out/stderr" >&2; return 1; fi
        read -r wall cpu rss < <(awk -F': ' '
            /Elapsed \(wall clock\)/ { n = split($2, p, ":"); wall = (n == 3) ? p[1] * 3600 + p[2] * 60 + p[3] : p[1] * 60 + p[2] }
            /User time/ { user = $2 } /System time/ { sys = $2 } /Maximum resident/ { rss = $2 }
            END { print wall, user + sys, rss / 1024 }' "$log")
        walls+=("$wall"); cpus+=("$cpu"); rsss+=("$rss")
    done
    local w c m
    w=$(printf "%s\n" "${walls[@]}" | median); c=$(printf "%s\n" "${cpus[@]}" | median); m=$(printf "%s\n" "${rsss[@]}" | median)
    awk -v l="$label" -v w="$w" -v c="$c" -v m="$m" -v rows="$rows" \
        'BEGIN { printf "%-40s %8.2f s %8.2f s %9.1f MiB %9.3f us\n", l, w, c, m, c / rows * 1e6 }'
}

printf "medians of %s runs\n%-40s %10s %10s %13s %12s\n" "$repeat" "case" "wall" "CPU" "peak RSS" "CPU/row"
for n in "${steps[@]}"; do
    rows=$(( 18 * (n + 1) ))
    measure "csv      --steps $n ($rows rows)" "$rows" "$bin" --opt all --steps "$n" --csv "$out/a.csv"
    measure "json     --steps $n" "$rows" "$bin" --opt all --steps "$n" --json "$out/a.json"
    cp "$out/a.csv" "$out/b.csv"
    measure "compare  equal CSVs" "$rows" "$bin" compare "$out/a.csv" "$out/b.csv"
    # Every number in another spelling (1.5 -> 01.5, -2e-08 -> -02e-08): no text is equal, every value is read.
    awk -F, -v OFS=, 'NR == 1 { print; next } { for (i = 4; i <= NF; i++) if ($i != "") $i = ($i ~ /^-/) ? "-0" substr($i, 2) : "0" $i; print }' \
        "$out/a.csv" > "$out/b.csv"
    measure "compare' every number read" "$rows" "$bin" compare "$out/a.csv" "$out/b.csv"
    printf "%-40s %s\n" "  (CSV size)" "$(du -h "$out/a.csv" | cut -f1)"
    rm -f "$out/a.csv" "$out/b.csv"
    if [ "$n" -le "$replay_max" ]; then
        measure "replay   the manifest to CSV" "$rows" "$bin" replay "$out/a.json" --csv "$out/r.csv"
        cp "$out/a.json" "$out/b.json"
        measure "compare  equal manifests (JSON)" "$rows" "$bin" compare "$out/a.json" "$out/b.json"
        rm -f "$out/b.json"
    else
        printf "%-40s %s\n" "replay   (skipped)" "N > REPLAY_MAX=$replay_max"
    fi
    printf "%-40s %s\n" "  (manifest size)" "$(du -h "$out/a.json" | cut -f1)"
    rm -f "$out/a.json" "$out/r.csv"
done
