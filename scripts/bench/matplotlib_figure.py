#!/usr/bin/env python3
"""The peer of `trajviz --surface rosenbrock --opt all --output x.png`, the way people draw it
today: PyTorch for the paths, matplotlib for the figure.

10 torch.optim optimizers x 500 steps on Rosenbrock from (-1.5, 2) in float64, the learning rates of
the reference table (gen_reference.py); a 400x400 grid; contourf with 30 log-spaced levels, thin
contour lines, a colorbar; paths with start/end markers and the minimum; a loss panel (semilogy)
beside it; a legend; 1200x900 PNG (12x9 in at 100 dpi).

usage: matplotlib_figure.py OUT.png
"""
import sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.colors import LogNorm
import numpy as np
import torch

torch.set_default_dtype(torch.float64)

OPTIMIZERS = [  # name, constructor, lr (rosenbrock's suggested rates)
    ("sgd", lambda p, lr: torch.optim.SGD([p], lr=lr), 1e-3),
    ("momentum", lambda p, lr: torch.optim.SGD([p], lr=lr, momentum=0.9), 2e-4),
    ("nesterov", lambda p, lr: torch.optim.SGD([p], lr=lr, momentum=0.9, nesterov=True), 2e-4),
    ("adagrad", lambda p, lr: torch.optim.Adagrad([p], lr=lr), 0.3),
    ("rmsprop", lambda p, lr: torch.optim.RMSprop([p], lr=lr), 0.01),
    ("adadelta", lambda p, lr: torch.optim.Adadelta([p], lr=lr), 1.0),
    ("adam", lambda p, lr: torch.optim.Adam([p], lr=lr), 0.05),
    ("amsgrad", lambda p, lr: torch.optim.Adam([p], lr=lr, amsgrad=True), 0.05),
    ("adamw", lambda p, lr: torch.optim.AdamW([p], lr=lr), 0.05),
    ("adamax", lambda p, lr: torch.optim.Adamax([p], lr=lr), 0.1),
]


def rosenbrock(x, y):
    return (1 - x) ** 2 + 100 * (y - x ** 2) ** 2


def run(make, lr, steps=500, start=(-1.5, 2.0)):
    p = torch.tensor(start, requires_grad=True)
    opt = make(p, lr)
    xs, ys, losses = [], [], []
    for _ in range(steps + 1):
        opt.zero_grad()
        loss = rosenbrock(p[0], p[1])
        xs.append(p[0].item()); ys.append(p[1].item()); losses.append(loss.item())
        loss.backward()
        opt.step()
    return xs, ys, losses


def main(out):
    paths = [(name, lr, *run(make, lr)) for name, make, lr in OPTIMIZERS]
    x = np.linspace(-2, 2, 400)
    y = np.linspace(-1, 3, 400)
    X, Y = np.meshgrid(x, y)
    Z = rosenbrock(X, Y)
    levels = np.logspace(np.log10(Z.max() * 1e-6), np.log10(Z.max()), 31)

    fig, (ax, lax) = plt.subplots(1, 2, figsize=(12, 9), dpi=100, gridspec_kw={"width_ratios": [1.4, 1]})
    cs = ax.contourf(X, Y, Z, levels=levels, norm=LogNorm(), cmap="viridis")
    ax.contour(X, Y, Z, levels=levels, colors="k", linewidths=0.3, alpha=0.3)
    fig.colorbar(cs, ax=ax, label="f(x, y)")
    for name, lr, xs, ys, losses in paths:
        line, = ax.plot(xs, ys, lw=1.8, label=f"{name} lr={lr:g}")
        ax.plot(xs[-1], ys[-1], "o", color=line.get_color())
        lax.semilogy(losses, lw=1.5, color=line.get_color())
    ax.plot(-1.5, 2, "o", mfc="white", mec="k")
    ax.plot(1, 1, "*", ms=14, mfc="white", mec="k")
    ax.set(xlim=(-2, 2), ylim=(-1, 3), xlabel="x", ylabel="y", title="Rosenbrock  f = (1 - x)² + 100 (y - x²)²")
    lax.set(xlabel="step", ylabel="f(x, y)")
    ax.legend(loc="upper right", fontsize=8)
    fig.tight_layout()
    fig.savefig(out)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "matplotlib_figure.png")
