#!/usr/bin/env python3
"""Reference values for the MLP under learning-rate schedules (Tests/MLPTests/Fixtures/mlp-schedules.json).

1. "rates": for each optimizer spec and schedule, the learning rate of every iteration of a torch
   training loop, as param_groups[0]['lr'] just before opt.step(), with sched.step() after every
   iteration ("iteration") or after the last iteration of every epoch ("epoch"), for the bundled
   subset's 40 iterations per epoch (4,000 records, batch 100). OneCycleLR's total_steps is the
   number of sched.step() calls, as trajviz's default. The rates do not depend on the gradients
   (plateau, which does, is checked on the 2D paths), so a stand-in parameter is stepped.

2. "steps": the MLP of scripts/mnist/gen_fixtures.py (784-12-10 ReLU, its SplitMix64 weights, its
   batch of 8 digits) after 6 scheduled steps of a few optimizers in float32, with cycled momentum,
   cycled beta1, and the rules that keep their initial rate (AdaBound, Lion), the gradient
   recomputed on the same batch before each step.

Run from the repository root:  python3 scripts/reference/gen_mlp_schedules.py
Needs torch, numpy, adabound, torch-optimizer, lion-pytorch. The tests never do.
"""
import json
import os
import pathlib
import sys

import torch

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "scripts" / "mnist"))
from gen_schedules import NAMES, parse, build  # noqa: E402
from gen_reference import make_optimizer  # noqa: E402
import gen_fixtures as F  # noqa: E402

OUT = ROOT / "Tests/MLPTests/Fixtures/mlp-schedules.json"
PER_EPOCH = 40

RATES = [
    # (spec with schedule, every, epochs)
    ("adam:lr=0.01@linear:start_factor=0.01,total_iters=40", "iteration", 2),
    ("radam:lr=0.01", "iteration", 1),
    ("adam:lr=0.001@cosine:T_max=60", "iteration", 3),
    ("sgd:lr=0.1,momentum=0.9@step:step_size=30,gamma=0.5", "iteration", 3),
    ("sgd:lr=0.1,momentum=0.9@step:step_size=1,gamma=0.5", "epoch", 4),
    ("adam:lr=0.01@onecycle:max_lr=0.05", "iteration", 2),
    ("adam:lr=0.01@onecycle:max_lr=0.05,three_phase=true", "epoch", 5),
    ("sgd:lr=0.01,momentum=0.9@cyclic:base_lr=0.001,max_lr=0.1,step_size_up=10,mode=triangular2", "iteration", 2),
    ("adamw:lr=0.01@linear:start_factor=0.1,total_iters=10>cosine_restarts:T_0=20,T_mult=2", "iteration", 3),
    ("rmsprop:lr=0.01@multistep:milestones=1/3,gamma=0.3", "epoch", 4),
    ("adagrad:lr=0.05@polynomial:total_iters=70,power=2", "iteration", 2),
    ("nadam:lr=0.01@exponential:gamma=0.97", "iteration", 2),
    ("lion:lr=0.001@constant:factor=0.25,total_iters=50", "iteration", 2),
]

STEPS = [
    "adam:lr=0.01@onecycle:max_lr=0.05,total_steps=6",
    "sgd:lr=0.01,momentum=0.9@cyclic:base_lr=0.001,max_lr=0.05,step_size_up=2",
    "rmsprop:lr=0.01@onecycle:max_lr=0.02,total_steps=6",
    "adabound:lr=0.01,final_lr=0.05@linear:start_factor=0.2,total_iters=4",
    "lion:lr=0.001,weight_decay=0.5,decoupled_weight_decay=true@cosine:T_max=3",
    "rprop:lr=0.01@linear:start_factor=0.1,total_iters=3",
    "nadam:lr=0.01@cyclic:base_lr=0.001,max_lr=0.02,step_size_up=3",
]
STEP_COUNT = 6


def rates(spec, every, epochs):
    name, params, chain = parse(spec)
    p = torch.zeros(2, dtype=torch.float32, requires_grad=True)
    opt = make_optimizer(name, params, p)
    total = PER_EPOCH * epochs if every == "iteration" else epochs
    sched = build(opt, chain, total) if chain else None
    out = []
    for epoch in range(epochs):
        for _ in range(PER_EPOCH):
            opt.zero_grad()
            (p * p).sum().backward()
            out.append(opt.param_groups[0]["lr"])
            opt.step()
            if sched is not None and every == "iteration":
                sched.step()
        if sched is not None and every == "epoch":
            sched.step()
    return out


def main():
    torch.set_num_threads(1)
    torch.set_default_dtype(torch.float32)
    cases = [dict(spec=s, every=e, epochs=n, iterationsPerEpoch=PER_EPOCH, lrs=rates(s, e, n)) for s, e, n in RATES]

    images = F.read_idx("train-images-idx3-ubyte.gz")
    labels = F.read_idx("train-labels-idx1-ubyte.gz")
    x = torch.from_numpy(images[F.BATCH].reshape(len(F.BATCH), -1).astype("float32")) / 255
    y = torch.from_numpy(labels[F.BATCH].astype("int64"))
    loss_fn = torch.nn.CrossEntropyLoss()
    sizes, seed = [784, 12, 10], 1
    flat = F.initial_parameters(sizes, seed)
    first = sizes[0] * sizes[1]
    sample = sorted(set(range(0, first, 53)) | set(range(first, flat.size)))
    steps = []
    for spec in STEPS:
        name, params, chain = parse(spec)
        model = F.build(sizes, "relu", flat)
        # A param group as a dict: make_optimizer wraps its argument in a list.
        opt = make_optimizer(name, params, dict(params=list(model.parameters())))
        sched = build(opt, chain, STEP_COUNT)
        lrs = []
        for _ in range(STEP_COUNT):
            opt.zero_grad()
            loss_fn(model(x), y).backward()
            lrs.append(opt.param_groups[0]["lr"])
            opt.step()
            sched.step()
        steps.append(dict(spec=spec, lrs=lrs, values=F.short(F.flatten(model.parameters())[sample])))

    fixture = {
        "generator": "scripts/reference/gen_mlp_schedules.py",
        "torch": torch.__version__,
        "rates": cases,
        "steps": {"network": "relu-12", "seed": seed, "count": STEP_COUNT, "indices": sample, "optimizers": steps},
    }
    OUT.write_text(json.dumps(fixture, separators=(",", ":")) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size} bytes), {len(cases)} rate cases, {len(steps)} step cases")


if __name__ == "__main__":
    main()
