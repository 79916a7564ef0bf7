#!/usr/bin/env python3
"""The torch side of scripts/bench-landscape.sh: the grid of `trajviz-bench landscape`, evaluated
the loss-landscape way (tomgoldstein/loss-landscape, Li et al. 2018).

Reads what `trajviz-bench landscape --write DIR` wrote (the plane's origin and two directions in
torch's parameters() order, the records, trajviz's losses), builds the same nn.Sequential MLP, and
for every grid point sets the weights to origin + a*u + b*v (net_plotter.set_weights: one
p.data = w + d0*a + d1*b per parameter tensor) and runs the forward pass over the records under
torch.no_grad() (evaluation.eval_loss). One batch holds every record: the fastest case for torch
(loss-landscape's loader uses batches of 128). Prints one line of key=value fields: grid_seconds
(the grid loop alone, after a warm-up point), and the largest difference from trajviz's losses.
"""
import argparse
import pathlib
import time

import numpy as np
import torch
import torch.nn as nn


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    folder = pathlib.Path(args.folder)
    meta = dict(line.split("=", 1) for line in (folder / "meta.txt").read_text().split())
    n, records = int(meta["grid"]), int(meta["records"])
    sizes = [int(s) for s in meta["sizes"].split(",")]

    def f32(name):
        return torch.from_numpy(np.fromfile(folder / name, dtype="<f4"))

    origin, u, v = f32("origin.f32"), f32("u.f32"), f32("v.f32")
    x = f32("inputs.f32").reshape(records, sizes[0])
    y = torch.from_numpy(np.fromfile(folder / "labels.u8", dtype=np.uint8).astype(np.int64))
    expected = np.fromfile(folder / "loss.f64", dtype="<f8")

    layers = []
    for k, (a, b) in enumerate(zip(sizes, sizes[1:])):
        layers.append(nn.Linear(a, b))
        if k < len(sizes) - 2:
            layers.append(nn.ReLU())
    net = nn.Sequential(*layers).eval()

    def split(flat):
        out, offset = [], 0
        for p in net.parameters():
            out.append(flat[offset:offset + p.numel()].view_as(p).clone())
            offset += p.numel()
        assert offset == flat.numel()
        return out

    weights, d0, d1 = split(origin), split(u), split(v)
    criterion = nn.CrossEntropyLoss()
    xs = np.array([lo * (1 - k / (n - 1)) + hi * (k / (n - 1)) for k in range(n) for lo, hi in [(-1.0, 1.0)]])

    def set_weights(a, b):
        for p, w, e0, e1 in zip(net.parameters(), weights, d0, d1):
            p.data = w + e0 * a + e1 * b

    def eval_loss():
        with torch.no_grad():
            out = net(x)
            loss = criterion(out, y).item()
            correct = (out.argmax(1) == y).sum().item()
        return loss, correct / records

    set_weights(0.0, 0.0)
    eval_loss()  # warm-up
    losses = np.empty(n * n)
    start = time.perf_counter()
    for j, b in enumerate(xs):
        for i, a in enumerate(xs):
            set_weights(float(a), float(b))
            losses[j * n + i], _ = eval_loss()
    seconds = time.perf_counter() - start
    diff = np.abs(losses - expected)
    print(f"way=torch grid={n} records={records} threads={args.threads} grid_seconds={seconds} "
          f"max_abs_diff={diff.max():.3g} max_rel_diff={(diff / np.abs(expected)).max():.3g} "
          f"centre_loss={losses[(n // 2) * n + n // 2]}")


if __name__ == "__main__":
    main()
