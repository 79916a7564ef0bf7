"""The peer of `trajviz --surface rosenbrock --opt all --output x.gif`, as people write it:
matplotlib's FuncAnimation and PillowWriter, the same paths (read from trajviz's --csv), the same
page (1200x900 px), 150 frames at 25 fps with the paths growing over filled log contours and a
loss panel with a moving cursor.

Usage: python3 matplotlib_animation.py paths.csv out.gif
Prints the seconds spent making the animation (after imports and reading the CSV) on stdout.
"""
import csv, sys, time
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.animation import FuncAnimation, PillowWriter
from matplotlib.colors import LogNorm

paths_csv, out = sys.argv[1], sys.argv[2]
paths = {}
with open(paths_csv) as f:
    for row in csv.DictReader(f):
        p = paths.setdefault(row["label"], ([], [], []))
        p[0].append(float(row["x"])); p[1].append(float(row["y"])); p[2].append(float(row["loss"]))

start = time.perf_counter()
fig, (ax, loss_ax) = plt.subplots(1, 2, figsize=(12, 9), dpi=100, gridspec_kw={"width_ratios": [1.4, 1]})
x, y = np.meshgrid(np.linspace(-2, 2, 400), np.linspace(-1, 3, 400))
z = (1 - x) ** 2 + 100 * (y - x ** 2) ** 2
ax.contourf(x, y, z, levels=np.logspace(-3, 3.5, 31), norm=LogNorm(), cmap="viridis")
ax.plot([1], [1], "w*", markersize=14)
ax.set_aspect("equal"); ax.set_title("Rosenbrock")
loss_ax.set_yscale("log"); loss_ax.set_xlabel("step")
last = max(len(p[0]) for p in paths.values()) - 1
loss_ax.set_xlim(0, last)
lines, heads, curves = [], [], []
for label, (xs, ys, ls) in paths.items():
    (line,) = ax.plot([], [], lw=2, label=label)
    (head,) = ax.plot([], [], "o", color=line.get_color(), markeredgecolor="white")
    (curve,) = loss_ax.plot([], [], lw=1.5, color=line.get_color())
    lines.append(line); heads.append(head); curves.append(curve)
losses = [v for p in paths.values() for v in p[2] if v > 0]
loss_ax.set_ylim(min(losses) / 2, max(losses) * 2)
cursor = loss_ax.axvline(0, color="gray", ls="--")
counter = fig.text(0.98, 0.98, "", ha="right", va="top")
fig.legend(loc="lower center", ncol=5, fontsize=9)
frames = np.linspace(0, last, 150).round().astype(int)

def update(step):
    for (xs, ys, ls), line, head, curve in zip(paths.values(), lines, heads, curves):
        n = min(step, len(xs) - 1) + 1
        line.set_data(xs[:n], ys[:n]); head.set_data([xs[n - 1]], [ys[n - 1]])
        curve.set_data(range(n), ls[:n])
    cursor.set_xdata([step, step]); counter.set_text(f"step {step} / {last}")
    return lines + heads + curves + [cursor, counter]

FuncAnimation(fig, update, frames=frames, blit=False).save(out, writer=PillowWriter(fps=25))
print(f"{time.perf_counter() - start:.3f}")
