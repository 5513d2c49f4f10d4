#!/usr/bin/env python3
"""PyTorch baseline for `automl bench trainer`: the same models, data and thread count.

Two measurements, printed as JSON lines on stdout (the same kinds the Swift bench prints, with
"framework": "torch"), a short table on stderr:

- throughput: training samples per second at batch 128 (forward + backward + optimizer update,
  data already in memory) for the MLP 64-256-256-10 (ReLU, Adam) on digits-shaped input and for
  the 1-D CNN on MNIST-1D-shaped input (4 convolutions, 64 channels, kernel 3, dilations
  1-2-4-8, padding "same", batch norm, ReLU, a linear classifier on the flattened 64 x 40
  features; AdamW).
- accuracy (--accuracy): the reference runs: that CNN on MNIST-1D (AdamW, weight decay 0.01,
  one-cycle to 3e-3, batch 100, 40 epochs) and the MLP on digits (Adam 1e-3, batch 64,
  60 epochs), features standardized on the training rows; test accuracy and seconds.

Needs `torch` and `numpy` (a benchmark dependency, not a test one). Usage:

    python3 benchmarks/torch_trainer.py --threads 1 [--steps 100] [--batch 128] [--accuracy]
"""
import argparse
import gzip
import json
import os
import statistics
import sys
import time

import numpy as np
import torch
from torch import nn

DATA = os.path.join(os.path.dirname(__file__), "..", "Sources", "AutoMLTrainer", "Datasets")


def load_csv(name):
    with gzip.open(os.path.join(DATA, name), "rt") as f:
        rows = np.loadtxt(f, delimiter=",", skiprows=1, dtype=np.float64)
    return rows[:, 1:].astype(np.float32), rows[:, 0].astype(np.int64)


def standardize(train, test):
    mean = train.mean(axis=0)
    std = train.std(axis=0)
    std[std == 0] = 1
    return (train - mean) / std, (test - mean) / std


def mlp():
    return nn.Sequential(nn.Linear(64, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 10))


def cnn():
    layers = []
    channels = 1
    for dilation in (1, 2, 4, 8):
        layers += [nn.Conv1d(channels, 64, 3, padding=dilation, dilation=dilation), nn.BatchNorm1d(64), nn.ReLU()]
        channels = 64
    return nn.Sequential(*layers, nn.Flatten(), nn.Linear(64 * 40, 10))


def throughput(name, model, optimizer, shape, steps, batch=128):
    generator = torch.Generator().manual_seed(0)
    x = torch.randn((batch,) + shape, generator=generator)
    y = torch.randint(0, 10, (batch,), generator=generator)
    loss_fn = nn.CrossEntropyLoss()
    model.train()

    def step():
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()

    for _ in range(5):
        step()
    rates = []
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(steps):
            step()
        rates.append(steps * batch / (time.perf_counter() - start))
    return statistics.median(rates)


def train(model, optimizer, scheduler, x, y, test_x, test_y, epochs, batch, seed):
    loss_fn = nn.CrossEntropyLoss()
    generator = torch.Generator().manual_seed(seed)
    start = time.perf_counter()
    for _ in range(epochs):
        model.train()
        order = torch.randperm(len(x), generator=generator)
        for i in range(0, len(x), batch):
            index = order[i:i + batch]
            optimizer.zero_grad(set_to_none=True)
            loss_fn(model(x[index]), y[index]).backward()
            optimizer.step()
            if scheduler is not None:
                scheduler.step()
    model.eval()
    with torch.no_grad():
        accuracy = (model(test_x).argmax(1) == test_y).float().mean().item()
    return accuracy, time.perf_counter() - start


def accuracy_runs(seed):
    rows = []
    torch.manual_seed(seed)
    x, y = load_csv("mnist1d-train.csv.gz")
    tx, ty = load_csv("mnist1d-test.csv.gz")
    x, tx = standardize(x, tx)
    x, tx = torch.from_numpy(x).unsqueeze(1), torch.from_numpy(tx).unsqueeze(1)
    y, ty = torch.from_numpy(y), torch.from_numpy(ty)
    model = cnn()
    epochs, batch = 40, 100
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=0.01)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=3e-3, total_steps=epochs * ((len(x) + batch - 1) // batch))
    accuracy, seconds = train(model, optimizer, scheduler, x, y, tx, ty, epochs, batch, seed)
    rows.append({"kind": "accuracy", "framework": "torch", "model": "cnn1d", "dataset": "mnist1d",
                 "testAccuracy": accuracy, "seconds": seconds, "parameters": sum(p.numel() for p in model.parameters())})

    torch.manual_seed(seed)
    data, labels = load_csv("digits.csv.gz")
    test = np.arange(len(data)) % 5 == 4
    x, tx = standardize(data[~test], data[test])
    x, tx = torch.from_numpy(x), torch.from_numpy(tx)
    y, ty = torch.from_numpy(labels[~test]), torch.from_numpy(labels[test])
    model = mlp()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    accuracy, seconds = train(model, optimizer, None, x, y, tx, ty, 60, 64, seed)
    rows.append({"kind": "accuracy", "framework": "torch", "model": "mlp", "dataset": "digits",
                 "testAccuracy": accuracy, "seconds": seconds, "parameters": sum(p.numel() for p in model.parameters())})
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--steps", type=int, default=100, help="timed steps per repetition (the CNN runs a fifth)")
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--accuracy", action="store_true", help="also run the reference trainings")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)

    rows = []
    torch.manual_seed(args.seed)
    model = mlp()
    rate = throughput("mlp", model, torch.optim.Adam(model.parameters(), lr=1e-3), (64,), args.steps, args.batch)
    rows.append({"kind": "throughput", "framework": "torch", "model": "mlp", "batch": args.batch,
                 "threads": args.threads, "samplesPerSecond": rate})
    model = cnn()
    rate = throughput("cnn1d", model, torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.01), (1, 40),
                      max(args.steps // 5, 5), args.batch)
    rows.append({"kind": "throughput", "framework": "torch", "model": "cnn1d", "batch": args.batch,
                 "threads": args.threads, "samplesPerSecond": rate})
    if args.accuracy:
        rows += accuracy_runs(args.seed)
    for row in rows:
        print(json.dumps(row), flush=True)
        detail = f"{row['samplesPerSecond']:.0f} samples/s" if row["kind"] == "throughput" else \
            f"test accuracy {row['testAccuracy']:.4f} in {row['seconds']:.1f} s"
        print(f"torch {row['model']:6} {row['kind']:10} {detail}", file=sys.stderr)


if __name__ == "__main__":
    main()
