#!/usr/bin/env python3
"""Reference values for the MLP's fidelity tests (Tests/MLPTests/Fixtures/mlp-torch.json).

For a few small networks on a batch of 8 real digits of the bundled subset, torch (float32) computes
the mean cross-entropy, its gradient with respect to every parameter, and the parameters after two
steps of each of the 18 optimizers trajviz implements (the gradient recomputed on the same batch
before each step). The initial weights come from trajviz's own SplitMix64 initialisation, written
again below, so the fixture needs no weights: the Swift test draws the same values bit for bit and
checks a few of them against the fixture first.

Tolerance: torch's own float32 gradient differs from its float64 gradient by up to 3.5e-5 relative on
entries that cancel to nearly zero (tanh-6-5), and by under 5e-6 when such entries are compared against
1% of the largest gradient, as BackpropagationTests does.

Run from the repository root:  python3 scripts/mnist/gen_fixtures.py
Needs torch, numpy, adabound, torch-optimizer, lion-pytorch. The tests never do.
"""
import gzip
import json
import pathlib

import numpy as np
import torch

import adabound
import torch_optimizer
from lion_pytorch import Lion

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "Sources/MNIST/Data"
OUT = ROOT / "Tests/MLPTests/Fixtures/mlp-torch.json"

BATCH = [3, 17, 29, 100, 512, 1024, 2048, 3999]   # indices into the bundled training split
LR = 0.01
STEPS = 2

CASES = [
    {"name": "relu-12", "hidden": [12], "activation": "relu", "seed": 1, "optimizers": True},
    {"name": "tanh-6-5", "hidden": [6, 5], "activation": "tanh", "seed": 2, "optimizers": True},
    {"name": "sigmoid-6-5", "hidden": [6, 5], "activation": "sigmoid", "seed": 3, "optimizers": False},
]

# trajviz name -> torch constructor with lr = LR (every other hyperparameter at its default).
OPTIMIZERS = {
    "sgd": lambda p: torch.optim.SGD(p, lr=LR),
    "momentum": lambda p: torch.optim.SGD(p, lr=LR, momentum=0.9),
    "nesterov": lambda p: torch.optim.SGD(p, lr=LR, momentum=0.9, nesterov=True),
    "adagrad": lambda p: torch.optim.Adagrad(p, lr=LR),
    "rmsprop": lambda p: torch.optim.RMSprop(p, lr=LR),
    "adadelta": lambda p: torch.optim.Adadelta(p, lr=LR),
    "adam": lambda p: torch.optim.Adam(p, lr=LR),
    "amsgrad": lambda p: torch.optim.Adam(p, lr=LR, amsgrad=True),
    "adamw": lambda p: torch.optim.AdamW(p, lr=LR),
    "adamax": lambda p: torch.optim.Adamax(p, lr=LR),
    "nadam": lambda p: torch.optim.NAdam(p, lr=LR),
    "radam": lambda p: torch.optim.RAdam(p, lr=LR),
    "rprop": lambda p: torch.optim.Rprop(p, lr=LR),
    "adabound": lambda p: adabound.AdaBound(p, lr=LR),
    "amsbound": lambda p: adabound.AdaBound(p, lr=LR, amsbound=True),
    "lion": lambda p: Lion(p, lr=LR),
    "yogi": lambda p: torch_optimizer.Yogi(p, lr=LR),
    "adabelief": lambda p: torch_optimizer.AdaBelief(p, lr=LR),
}

M64 = (1 << 64) - 1


class SplitMix64:
    """Sources/Stepping SplitMix64, step for step."""

    def __init__(self, seed):
        self.state = seed & M64

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & M64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
        return z ^ (z >> 31)

    def unit_float(self):
        return np.float32(self.next() >> 40) * np.float32(2.0 ** -24)


def initial_parameters(sizes, seed):
    """Model.initialParameters(seed:): U(-1/sqrt(fan_in), 1/sqrt(fan_in)), weight then bias, layer by layer."""
    g = SplitMix64(seed)
    out = []
    for fan_in, fan_out in zip(sizes, sizes[1:]):
        bound = np.float32(1) / np.sqrt(np.float32(fan_in))
        n = fan_in * fan_out + fan_out
        out += [(np.float32(2) * g.unit_float() - np.float32(1)) * bound for _ in range(n)]
    return np.array(out, dtype=np.float32)


def read_idx(name):
    raw = gzip.open(DATA / name).read()
    ndim = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(shape)


def build(sizes, activation, flat):
    act = {"relu": torch.nn.ReLU, "tanh": torch.nn.Tanh, "sigmoid": torch.nn.Sigmoid}[activation]
    layers = []
    offset = 0
    for i, (fan_in, fan_out) in enumerate(zip(sizes, sizes[1:])):
        lin = torch.nn.Linear(fan_in, fan_out)
        with torch.no_grad():
            lin.weight.copy_(torch.from_numpy(flat[offset: offset + fan_in * fan_out].reshape(fan_out, fan_in)))
            offset += fan_in * fan_out
            lin.bias.copy_(torch.from_numpy(flat[offset: offset + fan_out]))
            offset += fan_out
        layers.append(lin)
        if i < len(sizes) - 2:
            layers.append(act())
    return torch.nn.Sequential(*layers)


def flatten(tensors):
    return torch.cat([t.detach().reshape(-1) for t in tensors]).numpy()


def short(values):
    # 9 significant digits read back to the same float32.
    return [float("%.9g" % v) for v in values]


def main():
    torch.set_num_threads(1)
    images = read_idx("train-images-idx3-ubyte.gz")
    labels = read_idx("train-labels-idx1-ubyte.gz")
    x = torch.from_numpy(images[BATCH].reshape(len(BATCH), -1).astype(np.float32)) / 255
    y = torch.from_numpy(labels[BATCH].astype(np.int64))
    loss_fn = torch.nn.CrossEntropyLoss()

    cases = []
    for case in CASES:
        sizes = [784] + case["hidden"] + [10]
        flat = initial_parameters(sizes, case["seed"])
        model = build(sizes, case["activation"], flat)
        loss = loss_fn(model(x), y)
        loss.backward()
        grad = flatten(p.grad for p in model.parameters())
        entry = {
            "name": case["name"], "hidden": case["hidden"], "activation": case["activation"],
            "seed": case["seed"], "parameterCount": int(flat.size),
            "initialSample": {"indices": [0, 1, 2, int(flat.size) - 1], "values": short(flat[[0, 1, 2, -1]])},
            "loss": float("%.9g" % loss.item()),
            "gradient": short(grad),
        }
        if case["optimizers"]:
            # Every parameter after the first layer's weights, plus every 53rd first-layer weight.
            first = sizes[0] * sizes[1]
            sample = sorted(set(range(0, first, 53)) | set(range(first, flat.size)))
            steps = []
            for name, make in OPTIMIZERS.items():
                model = build(sizes, case["activation"], flat)
                opt = make(model.parameters())
                for _ in range(STEPS):
                    opt.zero_grad()
                    loss_fn(model(x), y).backward()
                    opt.step()
                after = flatten(model.parameters())
                steps.append({"spec": f"{name}:lr={LR}", "values": short(after[sample])})
            entry["steps"] = {"count": STEPS, "indices": sample, "optimizers": steps}
        cases.append(entry)

    fixture = {
        "generator": "scripts/mnist/gen_fixtures.py",
        "torch": torch.__version__,
        "batch": BATCH,
        "labels": [int(v) for v in labels[BATCH]],
        "cases": cases,
    }
    OUT.write_text(json.dumps(fixture, separators=(",", ":")) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
