#!/usr/bin/env python3
"""torch's run of `trajviz mnist --model cnn --normalize none --opt adam:lr=LR --epochs N --seed S`, from
trajviz's start, on raw b/255 inputs (the CNN's default, --normalize standard, is not modelled here).

The CNN with trajviz's initial weights for --seed S (its SplitMix64 draws, as scripts/models/gen_fixtures.py
writes them), trained by torch (float32) on the bundled subset in trajviz's batch order for that seed (its
Fisher-Yates shuffle per epoch), Adam at LR, batch 100; prints the mean training loss and the test accuracy
of every epoch, the lines `trajviz mnist ... --csv` gives the numbers to compare with. Float32 sums in
another order make the runs part slowly; the accuracy stays within a few records.

usage: python3 scripts/models/torch_cnn_same_start.py [--seed S] [--epochs N] [--lr LR] [--threads T]
"""
import argparse
import pathlib
import sys

import numpy as np
import torch

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from gen_fixtures import SplitMix64, cnn, load_flat, read_idx, shuffled, uniform_layers  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--lr", type=float, default=0.001)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    xtr = torch.from_numpy(read_idx("train-images-idx3-ubyte.gz").astype(np.float32) / 255).reshape(-1, 1, 28, 28)
    ytr = torch.from_numpy(read_idx("train-labels-idx1-ubyte.gz").astype(np.int64))
    xte = torch.from_numpy(read_idx("t10k-images-idx3-ubyte.gz").astype(np.float32) / 255).reshape(-1, 1, 28, 28)
    yte = torch.from_numpy(read_idx("t10k-labels-idx1-ubyte.gz").astype(np.int64))

    model = cnn()
    load_flat(model, uniform_layers([(9, 320), (288, 18496), (1600, 204928), (128, 1290)], seed=args.seed))
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    g = SplitMix64(args.seed ^ 0x5368_7566_666c_6521)   # TrainingConfig.shuffleSeed
    with torch.no_grad():
        print(f"epoch 0 test_accuracy {(model(xte).argmax(1) == yte).float().mean().item():.4f}")
    for epoch in range(1, args.epochs + 1):
        order = shuffled(len(ytr), g)
        losses = []
        for s in range(0, len(order), 100):
            idx = order[s: s + 100]
            opt.zero_grad()
            loss = loss_fn(model(xtr[idx]), ytr[idx])
            loss.backward()
            opt.step()
            losses.append(loss.item())
        with torch.no_grad():
            accuracy = (model(xte).argmax(1) == yte).float().mean().item()
        print(f"epoch {epoch} mean_loss {np.mean(losses):.4f} test_accuracy {accuracy:.4f} first_loss {losses[0]:.6f}")


if __name__ == "__main__":
    main()
