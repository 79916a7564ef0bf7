#!/usr/bin/env python3
"""Reference values for the landscape's fidelity tests (Tests/LandscapeTests/Fixtures/landscape-torch.json).

The 784-12-10 ReLU MLP with trajviz's initial weights (seed 1, SplitMix64 as in
scripts/mnist/gen_fixtures.py), on the first 64 records of the bundled training split. torch (float32)
computes, the way tomgoldstein/loss-landscape does (Li et al., NeurIPS 2018):

* filter normalization (net_plotter.normalize_directions_for_weights, ignore='biasbn'): two raw
  directions, given by formulas both sides evaluate (no random stream to port), each weight row scaled
  to the norm of the same row of the weights, biases zeroed; the rows' norms and a few entries;
* the loss and accuracy over a 5 x 5 grid of that plane, alpha, beta in {-1, -0.5, 0, 0.5, 1}
  (net_plotter.set_weights: p.data = w + d0*a + d1*b, then evaluation.eval_loss under no_grad);
* the plane of the first two principal components of six recorded points (the start plus formula
  displacements), uncentred as trajviz documents (torch.linalg.svd of the displacement matrix), its
  explained fractions, and every record's projection (alpha, beta) and distance from the plane, signs
  fixed so that the records' mean coordinate on each axis is positive;
* the loss along the straight line from the start through the last record at t in
  {-0.5, 0, 0.25, 0.5, 1, 1.5} (Goodfellow et al. 2015).

The formulas (j: the parameter's index in trajviz's flat order, which is torch's parameters() order):

    raw_u[j] = sin(0.37 j + 0.1)        raw_v[j] = cos(0.11 j) + 0.3 sin(0.013 j)
    a[j] = 0.02 sin(0.37 j + 0.1)       b[j] = 0.015 cos(0.11 j)       c[j] = 0.01 sin(0.05 j + 1)
    record k (k = 1...5) = float32(start + (k/5) a + (k/5)^2 b + sin(k) c)

evaluated in float64 (numpy), then rounded to float32.

Run from the repository root:  python3 scripts/reference/gen_landscape.py   (needs torch, numpy; the tests never do)
"""
import json
import pathlib
import sys

import numpy as np
import torch

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts/mnist"))
from gen_fixtures import build, initial_parameters, read_idx  # noqa: E402

OUT = ROOT / "Tests/LandscapeTests/Fixtures/landscape-torch.json"
HIDDEN = [12]
SEED = 1
RECORDS = 64
GRID = [-1.0, -0.5, 0.0, 0.5, 1.0]
LINE_T = [-0.5, 0.0, 0.25, 0.5, 1.0, 1.5]


def short(values):
    # 9 significant digits read back to the same float32; 17 for float64 results.
    return [float("%.9g" % v) for v in values]


def long(values):
    return [float("%.17g" % v) for v in values]


def main():
    torch.set_num_threads(1)
    sizes = [784] + HIDDEN + [10]
    images = read_idx("train-images-idx3-ubyte.gz")
    labels = read_idx("train-labels-idx1-ubyte.gz")
    x = torch.from_numpy(images[:RECORDS].reshape(RECORDS, -1).astype(np.float32)) / 255
    y = torch.from_numpy(labels[:RECORDS].astype(np.int64))
    start = initial_parameters(sizes, SEED)
    p = start.size
    j = np.arange(p, dtype=np.float64)

    net = build(sizes, "relu", start)
    criterion = torch.nn.CrossEntropyLoss()

    def split(flat):
        out, offset = [], 0
        for q in net.parameters():
            out.append(torch.from_numpy(np.ascontiguousarray(flat[offset:offset + q.numel()])).view_as(q).clone())
            offset += q.numel()
        return out

    def set_flat(flat):
        for q, w in zip(net.parameters(), split(flat)):
            q.data = w

    def eval_loss():
        with torch.no_grad():
            out = net(x)
            return criterion(out, y).item(), (out.argmax(1) == y).sum().item() / RECORDS

    # Filter normalization, as net_plotter.normalize_direction: d.mul_(w.norm() / (d.norm() + 1e-10)) per row.
    weights = split(start)
    def normalized(raw):
        direction = []
        for d, w in zip(split(raw.astype(np.float32)), weights):
            if d.dim() <= 1:
                d.fill_(0)           # ignore='biasbn'
            else:
                for dr, wr in zip(d, w):
                    dr.mul_(wr.norm() / (dr.norm() + 1e-10))
            direction.append(d)
        return direction
    raw_u = np.sin(0.37 * j + 0.1)
    raw_v = np.cos(0.11 * j) + 0.3 * np.sin(0.013 * j)
    u, v = normalized(raw_u), normalized(raw_v)
    flat_u = torch.cat([t.reshape(-1) for t in u]).numpy()
    flat_v = torch.cat([t.reshape(-1) for t in v]).numpy()
    row_norms = [float(r.norm()) for r in u[0]] + [float(r.norm()) for r in u[2]]

    # The grid, the loss-landscape way.
    grid_loss, grid_accuracy = [], []
    for b in GRID:
        for a in GRID:
            for q, w, d0, d1 in zip(net.parameters(), weights, u, v):
                q.data = w + d0 * a + d1 * b
            loss, acc = eval_loss()
            grid_loss.append(loss)
            grid_accuracy.append(acc)

    # PCA of six records' displacements from the start (uncentred).
    a_ = 0.02 * np.sin(0.37 * j + 0.1)
    b_ = 0.015 * np.cos(0.11 * j)
    c_ = 0.01 * np.sin(0.05 * j + 1)
    records = [start] + [(start.astype(np.float64) + (k / 5) * a_ + (k / 5) ** 2 * b_ + np.sin(k) * c_).astype(np.float32)
                         for k in range(1, 6)]
    D = torch.from_numpy(np.stack([r.astype(np.float64) - start.astype(np.float64) for r in records]))
    W, S, Et = torch.linalg.svd(D, full_matrices=False)
    lam = S ** 2
    explained = (lam[:2] / lam.sum()).tolist()
    axes = []
    for k in range(2):
        e = Et[k]
        if (D @ e).sum() < 0:
            e = -e
        axes.append(e)
    projections = []
    for r in D:
        al, be = float(r @ axes[0]), float(r @ axes[1])
        dist = float((r - al * axes[0] - be * axes[1]).norm())
        projections.append([al, be, dist])

    # The line from the start through the last record.
    end = records[-1]
    line_loss = []
    for t in LINE_T:
        set_flat((start.astype(np.float32) + np.float32(t) * (end - start)).astype(np.float32))
        line_loss.append(eval_loss()[0])

    set_flat(start)
    centre_loss, centre_accuracy = eval_loss()
    fixture = {
        "generator": "scripts/reference/gen_landscape.py",
        "torch": torch.__version__,
        "hidden": HIDDEN, "seed": SEED, "records": RECORDS, "parameterCount": int(p),
        "centreLoss": long([centre_loss])[0], "centreAccuracy": centre_accuracy,
        "filter": {
            "rowNorms": short(row_norms),
            "uSample": {"indices": [0, 1, 783, 784, 9407, 9408, 9537, 9549],
                        "values": short(flat_u[[0, 1, 783, 784, 9407, 9408, 9537, 9549]])},
            "vSample": {"indices": [0, 5, 9000, 9420], "values": short(flat_v[[0, 5, 9000, 9420]])},
        },
        "grid": {"alpha": GRID, "beta": GRID, "loss": long(grid_loss), "accuracy": grid_accuracy},
        "pca": {"explained": long(explained), "projections": [long(x) for x in projections]},
        "line": {"t": LINE_T, "loss": long(line_loss)},
    }
    OUT.write_text(json.dumps(fixture, indent=1) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
