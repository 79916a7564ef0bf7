#!/usr/bin/env python3
"""Reference values for the models' fidelity tests (Tests/ModelsTests/Fixtures/), computed with torch (float32).

1. cnn-torch.safetensors: the CNN of `trajviz mnist --model cnn`
       nn.Sequential(Conv2d(1,32,3), ReLU(), MaxPool2d(2), Conv2d(32,64,3), ReLU(), MaxPool2d(2),
                     Flatten(), Linear(1600,128), ReLU(), Linear(128,10))
   from trajviz's own initial weights (seed 1, drawn again below from trajviz's SplitMix64) on a batch
   of 8 digits of the bundled subset: the mean cross-entropy (metadata "loss"), its gradient with
   respect to every parameter (tensor "gradient", in the flat buffer's order, i.e. torch.cat of
   model.parameters()), and the parameters after one step of each of the 18 optimizers at lr 0.01,
   every 97th parameter (tensors "step.<name>").
2. linear-torch.json: `trajviz linear`'s experiment, a bias-free nn.Linear(20, 20) fitted to y = w·x + 2
   for one input x ~ N(0, 1)^20 and a scalar w ~ N(0, 1), under MSELoss and L1Loss with sgd (lr 0.1), momentum (lr 0.1, momentum 0.9),
   adam (lr 0.1, betas 0.9/0.99, eps 1e-9) and rmsprop (torch's defaults): the loss before every one
   of 40 steps and after the last, for seeds 0 to 3. x, w and the initial weights are trajviz's draws
   (written out too, so the test checks the draws first).
3. mlp-start.safetensors + mlp-curve.json: a 784-8-10 ReLU MLP initialised by torch itself
   (torch.manual_seed(0)), its state_dict saved with the safetensors library ("0.weight", "0.bias",
   "2.weight", "2.bias"), then trained by torch for 30 iterations of Adam (lr 0.01, batch 100) on
   the bundled training split in trajviz's batch order for seed 0 (its SplitMix64 Fisher-Yates
   shuffle, written again below): `trajviz mnist --init-from mlp-start.safetensors` must follow the
   same losses.

Tolerances (printed when this runs): torch's own float32 CNN gradient differs from its float64 one by
at most the "torch_f32_vs_f64" figure in the safetensors metadata (relative, entries compared against
1% of the largest, as the tests compare).

Run from the repository root:  python3 scripts/models/gen_fixtures.py
Needs torch, numpy, safetensors, adabound, torch-optimizer, lion-pytorch. The tests never do.
"""
import gzip
import json
import math
import pathlib

import numpy as np
import torch
from safetensors.torch import save_file

import adabound
import torch_optimizer
from lion_pytorch import Lion

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "Sources/MNIST/Data"
OUT = ROOT / "Tests/ModelsTests/Fixtures"

BATCH = [3, 17, 29, 100, 512, 1024, 2048, 3999]   # indices into the bundled training split
LR = 0.01
STRIDE = 97
FORCE = "--force" in __import__("sys").argv

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

LINEAR_OPTIMIZERS = {
    "sgd": lambda p: torch.optim.SGD(p, lr=0.1),
    "momentum": lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9),
    "adam": lambda p: torch.optim.Adam(p, lr=0.1, betas=(0.9, 0.99), eps=1e-9),
    "rmsprop": lambda p: torch.optim.RMSprop(p),
}

M64 = (1 << 64) - 1


class SplitMix64:
    """Sources/Stepping/SplitMix64.swift, step for step."""

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

    def index_below(self, n):
        return (n * self.next()) >> 64


class Normal:
    """Stepping's GradientNoise(sigma: 1, seed: seed).stream(run: run): Marsaglia's polar method."""

    def __init__(self, seed, run):
        base = SplitMix64(seed).next()
        self.g = SplitMix64(SplitMix64(base ^ ((run * 0xD1B54A32D192ED03) & M64)).next())
        self.spare = None

    def next(self):
        if self.spare is not None:
            s, self.spare = self.spare, None
            return s
        while True:
            u = (self.g.next() >> 11) * 2.0 ** -52 - 1
            v = (self.g.next() >> 11) * 2.0 ** -52 - 1
            s = u * u + v * v
            if 0 < s < 1:
                f = math.sqrt(-2 * math.log(s) / s)
                self.spare = v * f
                return u * f


def uniform_layers(fans, seed):
    """Model.initialParameters(seed:) with torch's defaults: each layer's slice U(±1/√fan_in), one generator."""
    g = SplitMix64(seed)
    out = []
    for fan_in, count in fans:
        bound = np.float32(1) / np.sqrt(np.float32(fan_in))
        out += [(np.float32(2) * g.unit_float() - np.float32(1)) * bound for _ in range(count)]
    return np.array(out, dtype=np.float32)


def shuffled(count, g):
    order = list(range(count))
    for i in range(count - 1, 0, -1):
        j = g.index_below(i + 1)
        order[i], order[j] = order[j], order[i]
    return order


def read_idx(name):
    raw = gzip.open(DATA / name).read()
    ndim = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(shape)


def cnn(dtype=torch.float32):
    n = torch.nn
    return n.Sequential(n.Conv2d(1, 32, 3), n.ReLU(), n.MaxPool2d(2), n.Conv2d(32, 64, 3), n.ReLU(), n.MaxPool2d(2),
                        n.Flatten(), n.Linear(1600, 128), n.ReLU(), n.Linear(128, 10)).to(dtype)


def load_flat(model, flat):
    offset = 0
    with torch.no_grad():
        for p in model.parameters():
            k = p.numel()
            p.copy_(torch.from_numpy(flat[offset: offset + k].reshape(p.shape)))
            offset += k
    assert offset == flat.size


def flatten(tensors):
    return torch.cat([t.detach().reshape(-1) for t in tensors])


def worst(a, b):
    """Largest |a-b| / max(|b|, 1% of max|b|), the tests' comparison."""
    floor = 1e-2 * np.abs(b).max()
    return float((np.abs(a - b) / np.maximum(np.abs(b), floor)).max())


def cnn_fixture(images, labels):
    if (OUT / "cnn-torch.safetensors").exists() and not FORCE:
        print("cnn: kept (python3 scripts/models/gen_fixtures.py --force to redo)")
        return
    x = torch.from_numpy(images[BATCH].astype(np.float32) / 255).reshape(len(BATCH), 1, 28, 28)
    y = torch.from_numpy(labels[BATCH].astype(np.int64))
    fans = [(9, 320), (288, 18496), (1600, 204928), (128, 1290)]
    flat = uniform_layers(fans, seed=1)
    loss_fn = torch.nn.CrossEntropyLoss()

    model = cnn()
    load_flat(model, flat)
    loss = loss_fn(model(x), y)
    loss.backward()
    grad = flatten(p.grad for p in model.parameters())

    model64 = cnn(torch.float64)
    load_flat(model64, flat.astype(np.float64))
    loss_fn(model64(x.double()), y).backward()
    grad64 = flatten(p.grad for p in model64.parameters()).numpy()
    f32_vs_f64 = worst(grad.numpy().astype(np.float64), grad64)
    print(f"cnn: loss {loss.item():.9g}; torch float32 vs float64 gradient: {f32_vs_f64:.2e} (relative, 1% floor)")

    tensors = {"gradient": grad.contiguous()}
    sample = torch.arange(0, flat.size, STRIDE)
    for name, make in OPTIMIZERS.items():
        model = cnn()
        load_flat(model, flat)
        opt = make(model.parameters())
        opt.zero_grad()
        loss_fn(model(x), y).backward()
        opt.step()
        tensors[f"step.{name}"] = flatten(model.parameters())[sample].contiguous()
    metadata = {"generator": "scripts/models/gen_fixtures.py", "torch": torch.__version__, "seed": "1",
                "batch": json.dumps(BATCH), "labels": json.dumps([int(v) for v in labels[BATCH]]),
                "loss": "%.9g" % loss.item(), "lr": str(LR), "stride": str(STRIDE),
                "torch_f32_vs_f64": "%.3g" % f32_vs_f64}
    save_file(tensors, OUT / "cnn-torch.safetensors", metadata=metadata)


def linear_data(seed):
    """LinearExperiment's draws: x, then w, from the normal stream 2; weights U(±1/√20) from SplitMix64(seed)."""
    normal = Normal(seed, 2)
    x = np.array([normal.next() for _ in range(20)], dtype=np.float32)
    w = np.float32(normal.next())
    y = (np.float64(w) * x.astype(np.float64) + 2).astype(np.float32)
    weight = uniform_layers([(20, 400)], seed)
    return x, w, y, weight


def linear_fixture():
    cases = []
    for seed in range(4):
        x, w, y, weight = linear_data(seed)
        for loss_name, loss_fn in (("mse", torch.nn.MSELoss()), ("l1", torch.nn.L1Loss())):
            curves = {}
            for name, make in LINEAR_OPTIMIZERS.items():
                model = torch.nn.Linear(20, 20, bias=False)
                with torch.no_grad():
                    model.weight.copy_(torch.from_numpy(weight.reshape(20, 20)))
                opt = make(model.parameters())
                xs, ys = torch.from_numpy(x), torch.from_numpy(y)
                losses = []
                for _ in range(40):
                    opt.zero_grad()
                    loss = loss_fn(model(xs), ys)
                    loss.backward()
                    opt.step()
                    losses.append(loss.item())
                with torch.no_grad():
                    losses.append(loss_fn(model(xs), ys).item())
                curves[name] = ["%.9g" % v for v in losses]
            cases.append({"seed": seed, "loss": loss_name, "curves": {k: [float(v) for v in c] for k, c in curves.items()}})
        if seed == 0:
            draws = {"x": [float(v) for v in x], "w": float(w), "y": [float(v) for v in y], "weight": [float(v) for v in weight]}
    (OUT / "linear-torch.json").write_text(json.dumps({"generator": "scripts/models/gen_fixtures.py", "torch": torch.__version__,
                                                       "draws_seed0": draws, "cases": cases}, separators=(",", ":")) + "\n")
    print("linear: final losses, seed 0:", {c["loss"]: {k: v[-1] for k, v in c["curves"].items()} for c in cases[:2]})


def mlp_curve_fixture(images, labels):
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(784, 8), torch.nn.ReLU(), torch.nn.Linear(8, 10))
    save_file({k: v.contiguous() for k, v in model.state_dict().items()}, OUT / "mlp-start.safetensors",
              metadata={"format": "pt", "generator": "scripts/models/gen_fixtures.py"})
    x = torch.from_numpy(images.reshape(len(images), -1).astype(np.float32) / 255)
    y = torch.from_numpy(labels.astype(np.int64))
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    loss_fn = torch.nn.CrossEntropyLoss()
    g = SplitMix64(0 ^ 0x5368_7566_666c_6521)   # TrainingConfig.shuffleSeed for --seed 0
    losses = []
    iterations, batch = 30, 100
    order = []
    while len(losses) < iterations:
        if not order:
            order = shuffled(len(y), g)
        idx, order = order[:batch], order[batch:]
        opt.zero_grad()
        loss = loss_fn(model(x[idx]), y[idx])
        loss.backward()
        opt.step()
        losses.append(loss.item())
    (OUT / "mlp-curve.json").write_text(json.dumps({"generator": "scripts/models/gen_fixtures.py", "torch": torch.__version__,
                                                    "spec": "adam:lr=0.01", "batch": batch, "seed": 0,
                                                    "losses": [float("%.9g" % v) for v in losses]}) + "\n")
    print(f"mlp curve: {losses[0]:.5f} -> {losses[-1]:.5f}")


def main():
    torch.set_num_threads(1)
    images = read_idx("train-images-idx3-ubyte.gz")
    labels = read_idx("train-labels-idx1-ubyte.gz")
    cnn_fixture(images, labels)
    linear_fixture()
    mlp_curve_fixture(images, labels)


if __name__ == "__main__":
    main()
