#!/usr/bin/env bash
# Animation against its peer (issue 13): `trajviz --surface rosenbrock --opt all --output x.gif`
# (and .webp) against matplotlib's FuncAnimation + PillowWriter drawing the same paths
# (scripts/plot/matplotlib_animation.py, paths from trajviz's --csv), interleaved over ROUNDS rounds
# (default 3). Prints median wall times (trajviz: the whole process; matplotlib: the animation
# alone, imports excluded, and its whole process), trajviz's CPU time (user + system, over both
# cores: the number to read on a busy machine), file sizes, frames, the ratios, and each of the
# issue's targets as ok or MISS.
# The issue asks: GIF ≤ 2 MB in under 2 s, WebP ≤ 1.5 MB, ≥ 20x faster and ≤ half the size of
# matplotlib's (checked for both formats). Run it in a quiet period: both cores are used.
# Usage: scripts/bench-animation.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
scratch="${SCRATCH_PATH:-.build}"
swift build -c release --product trajviz --scratch-path "$scratch" >&2
bin="$(swift build -c release --product trajviz --scratch-path "$scratch" --show-bin-path)/trajviz"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$bin" --surface rosenbrock --opt all --csv "$out/paths.csv" >/dev/null

python3 - "$bin" "$out" "$rounds" scripts/plot/matplotlib_animation.py <<'PY'
import os, resource, statistics, subprocess, sys, time
from PIL import Image
binary, out, rounds, peer = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
times = {"gif": [], "webp": [], "mpl": [], "mpl-process": []}
cpu = {"gif": [], "webp": []}

def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime

for r in range(rounds):
    for fmt in ("gif", "webp"):
        c, t = children_cpu(), time.perf_counter()
        subprocess.run([binary, "--surface", "rosenbrock", "--opt", "all", "--output", f"{out}/x.{fmt}"], check=True,
                       stdout=subprocess.DEVNULL)
        times[fmt].append(time.perf_counter() - t)
        cpu[fmt].append(children_cpu() - c)
    t = time.perf_counter()
    inside = subprocess.run([sys.executable, peer, f"{out}/paths.csv", f"{out}/mpl.gif"], check=True, capture_output=True, text=True)
    times["mpl-process"].append(time.perf_counter() - t)
    times["mpl"].append(float(inside.stdout.split()[-1]))
    print(f"round {r + 1}/{rounds} done", file=sys.stderr)

def frames(path):
    im = Image.open(path)
    delays = []
    for k in range(im.n_frames):
        im.seek(k); delays.append(im.info.get("duration", 0))
    return im.n_frames, min(delays), im.info.get("loop")
med = {k: statistics.median(v) for k, v in times.items()}
size = {k: os.path.getsize(f"{out}/{n}") for k, n in (("gif", "x.gif"), ("webp", "x.webp"), ("mpl", "mpl.gif"))}
info = {k: frames(f"{out}/" + {"gif": "x.gif", "webp": "x.webp", "mpl": "mpl.gif"}[k]) for k in ("gif", "webp", "mpl")}
print(f"{'':22} {'wall (median)':>14} {'CPU (median)':>13} {'size':>10} {'frames':>7} {'min delay':>10}")
for k, label in (("gif", "trajviz .gif"), ("webp", "trajviz .webp"), ("mpl", "matplotlib .gif")):
    n, d, _ = info[k]
    c = f"{statistics.median(cpu[k]):>11.2f} s" if k in cpu else f"{'':>13}"
    # Pillow reports a WebP's durations per frame only after decoding it; the GIFs' are exact.
    shown = f"{d:>7} ms" if k != "webp" else f"{'-':>10}"
    print(f"{label:22} {med[k]:>12.2f} s {c} {size[k] / 1e6:>7.2f} MB {n:>7} {shown}")
print(f"{'matplotlib process':22} {med['mpl-process']:>12.2f} s")
print(f"speed-up (matplotlib's animation alone / trajviz's whole run): gif {med['mpl'] / med['gif']:.1f}x, webp {med['mpl'] / med['webp']:.1f}x")
print(f"size ratio (trajviz / matplotlib): gif {size['gif'] / size['mpl']:.2f}, webp {size['webp'] / size['mpl']:.2f}")
# The issue's targets, each checked on this run.
n, d, loop = info["gif"]
checks = [
    ("GIF loops forever", loop == 0),
    ("GIF has at least 100 frames", n >= 100),
    ("every GIF delay is at least 20 ms", d >= 20),
    ("GIF at most 2 MB", size["gif"] <= 2_000_000),
    ("GIF under 2 s (wall, median)", med["gif"] < 2),
    ("WebP at most 1.5 MB", size["webp"] <= 1_500_000),
    ("at least 20x faster than matplotlib (gif)", med["mpl"] / med["gif"] >= 20),
    ("at most half matplotlib's size (gif)", size["gif"] / size["mpl"] <= 0.5),
    ("at least 20x faster than matplotlib (webp)", med["mpl"] / med["webp"] >= 20),
    ("at most half matplotlib's size (webp)", size["webp"] / size["mpl"] <= 0.5),
]
for name, ok in checks:
    print(f"{'ok  ' if ok else 'MISS'} {name}")
PY
