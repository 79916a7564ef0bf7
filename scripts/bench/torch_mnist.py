#!/usr/bin/env python3
"""The torch side of scripts/bench-mnist.sh and scripts/bench-cnn.sh: the work of `trajviz-bench mnist`, done with torch.

Same network (784-H-10, ReLU, nn.Linear's init; or with --model cnn the CNN of `trajviz mnist --model cnn`), data (the bundled subset's .gz files, read with
gzip + numpy, scaled to [0, 1]), batch, epochs, optimizer (Adam, lr 0.001 unless --lr) and
test accuracy at every epoch's end; torch limited to --threads threads. Prints one line of key=value
fields: epoch_seconds (median of the epochs after the first), epoch_cpu_seconds (their median CPU time, all threads), train_seconds, load_seconds, accuracy.
"""
import argparse
import gzip
import pathlib
import time

import numpy as np
import torch

DATA = pathlib.Path(__file__).resolve().parents[2] / "Sources/MNIST/Data"


def read_idx(name):
    raw = gzip.open(DATA / name).read()
    ndim = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(shape)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--batch", type=int, default=100)
    ap.add_argument("--hidden", default="128")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--lr", type=float, default=0.001)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--model", default="mlp", choices=["mlp", "cnn"])
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)

    t0 = time.perf_counter()
    xtr = torch.from_numpy(read_idx("train-images-idx3-ubyte.gz").reshape(-1, 784).astype(np.float32)) / 255
    ytr = torch.from_numpy(read_idx("train-labels-idx1-ubyte.gz").astype(np.int64))
    xte = torch.from_numpy(read_idx("t10k-images-idx3-ubyte.gz").reshape(-1, 784).astype(np.float32)) / 255
    yte = torch.from_numpy(read_idx("t10k-labels-idx1-ubyte.gz").astype(np.int64))
    load_seconds = time.perf_counter() - t0

    sizes = [784] + [int(h) for h in args.hidden.split(",")] + [10]
    layers = []
    for i, (a, b) in enumerate(zip(sizes, sizes[1:])):
        layers.append(torch.nn.Linear(a, b))
        if i < len(sizes) - 2:
            layers.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*layers)
    if args.model == "cnn":
        n = torch.nn
        model = n.Sequential(n.Unflatten(1, (1, 28, 28)), n.Conv2d(1, 32, 3), n.ReLU(), n.MaxPool2d(2), n.Conv2d(32, 64, 3), n.ReLU(),
                             n.MaxPool2d(2), n.Flatten(), n.Linear(1600, 128), n.ReLU(), n.Linear(128, 10))
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    gen = torch.Generator().manual_seed(args.seed)

    start = time.perf_counter()
    ends, cpu_ends = [], []
    accuracy = float("nan")
    for _ in range(args.epochs):
        order = torch.randperm(len(ytr), generator=gen)
        for s in range(0, len(ytr), args.batch):
            idx = order[s: s + args.batch]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(xtr[idx]), ytr[idx])
            loss.backward()
            opt.step()
        with torch.no_grad():
            accuracy = (model(xte).argmax(1) == yte).float().mean().item()
        ends.append(time.perf_counter())
        cpu_ends.append(time.process_time())
    durations = sorted(b - a for a, b in zip(ends, ends[1:]))
    cpu = sorted(b - a for a, b in zip(cpu_ends, cpu_ends[1:]))
    print(f"model={args.model} optimizer=adam:lr={args.lr} threads={args.threads} epoch_seconds={durations[len(durations) // 2]} "
          f"epoch_cpu_seconds={cpu[len(cpu) // 2]} "
          f"train_seconds={ends[-1] - start} load_seconds={load_seconds} accuracy={accuracy}")


if __name__ == "__main__":
    main()
