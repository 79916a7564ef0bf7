#!/usr/bin/env python3
"""Peer of `trajviz-bench optimizers`: the 18 reference optimizers stepped on Rosenbrock with
torch in float64, one tensor of 2, autograd for the gradient, recording every point (as
scripts/reference/gen_reference.py does).

usage: torch_optimizers.py [--steps N] [--repeat R]    (default 1000 steps, best of 3)
Prints one line per optimizer: optimizer=<name> steps=<N> seconds=<best> steps_per_second=<rate>
"""
import argparse
import os
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "reference"))
from gen_reference import ALL, make_optimizer  # noqa: E402

torch.set_default_dtype(torch.float64)
torch.set_num_threads(1)


def rosenbrock(p):
    x, y = p[0], p[1]
    return (1 - x) ** 2 + 100 * (y - x ** 2) ** 2


def settings(name):
    """The same as benchmarkSettings in Benchmarks/trajviz-bench/OptimizerBenchmark.swift."""
    if name == "adadelta":
        return dict(lr=1.0)
    if name in ("adabound", "amsbound"):
        return dict(lr=1e-4, final_lr=1e-4)
    return dict(lr=1e-4)


def run(name, steps):
    p = torch.tensor([-1.5, 2.0], requires_grad=True)
    opt = make_optimizer(name, settings(name), p)
    xs, ys, ls = [], [], []
    start = time.perf_counter()
    for k in range(steps + 1):
        opt.zero_grad()
        loss = rosenbrock(p)
        xs.append(p[0].item())
        ys.append(p[1].item())
        ls.append(loss.item())
        if k == steps:
            break
        loss.backward()
        opt.step()
    return time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    import warnings
    warnings.filterwarnings("ignore")
    for name in ALL:
        run(name, 20)  # warm-up: imports, lazy state
        best = min(run(name, args.steps) for _ in range(args.repeat))
        print(f"optimizer={name} steps={args.steps} seconds={best} steps_per_second={args.steps / best}", flush=True)


if __name__ == "__main__":
    main()
