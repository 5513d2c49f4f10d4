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
- references (--references N): only the two hand-made MNIST-1D CNNs of the NAS benchmark (the
  one above, "cnn1d", and its kernel-5 variant without dilation, "cnn1d-k5", 88,138 parameters)
  with that recipe, for seeds --seed .. --seed + N - 1: the spread of their test accuracy over
  seeds, which one run does not show.

Needs `torch` and `numpy` (a benchmark dependency, not a test one). Usage:

    python3 benchmarks/torch_trainer.py --threads 1 [--steps 100] [--batch 128] [--accuracy]
    python3 benchmarks/torch_trainer.py --references 5 [--learning-rate 0.01]
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


def cnn(kernel=3, dilated=True):
    layers = []
    channels = 1
    for dilation in (1, 2, 4, 8) if dilated else (1, 1, 1, 1):
        layers += [nn.Conv1d(channels, 64, kernel, padding=dilation * (kernel // 2), dilation=dilation), nn.BatchNorm1d(64),
                   nn.ReLU()]
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


def mnist1d():
    x, y = load_csv("mnist1d-train.csv.gz")
    tx, ty = load_csv("mnist1d-test.csv.gz")
    x, tx = standardize(x, tx)
    return torch.from_numpy(x).unsqueeze(1), torch.from_numpy(y), torch.from_numpy(tx).unsqueeze(1), torch.from_numpy(ty)


# The references' published one-cycle peak (NASBenchmark.defaultLearningRate).
REFERENCE_LEARNING_RATE = 3e-3


def cnn_run(name, model, data, seed, learning_rate=REFERENCE_LEARNING_RATE):
    """The MNIST-1D reference recipe: AdamW (weight decay 0.01), one-cycle to 3e-3 (or `learning_rate`), batch 100, 40 epochs."""
    x, y, tx, ty = data
    epochs, batch = 40, 100
    optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate, weight_decay=0.01)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=learning_rate,
                                                    total_steps=epochs * ((len(x) + batch - 1) // batch))
    accuracy, seconds = train(model, optimizer, scheduler, x, y, tx, ty, epochs, batch, seed)
    return {"kind": "accuracy", "framework": "torch", "model": name, "dataset": "mnist1d", "seed": seed,
            "learningRate": learning_rate, "testAccuracy": accuracy, "seconds": seconds,
            "parameters": sum(p.numel() for p in model.parameters())}


def reference_runs(first_seed, count, learning_rate=REFERENCE_LEARNING_RATE):
    data = mnist1d()
    rows = []
    for seed in range(first_seed, first_seed + count):
        for name, kernel, dilated in (("cnn1d", 3, True), ("cnn1d-k5", 5, False)):
            torch.manual_seed(seed)
            rows.append(cnn_run(name, cnn(kernel, dilated), data, seed, learning_rate))
            print(json.dumps(rows[-1]), flush=True)
    return rows


def accuracy_runs(seed):
    rows = []
    torch.manual_seed(seed)
    data = mnist1d()
    rows.append(cnn_run("cnn1d", cnn(), data, seed))

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
    parser.add_argument("--references", type=int, default=0,
                        help="only train the two MNIST-1D reference CNNs for this many seeds from --seed")
    parser.add_argument("--learning-rate", type=float, default=REFERENCE_LEARNING_RATE,
                        help="the references' one-cycle peak (their published recipe: 3e-3)")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    if args.references > 0:
        rows = reference_runs(args.seed, args.references, args.learning_rate)
        for name in ("cnn1d", "cnn1d-k5"):
            accuracies = [r["testAccuracy"] for r in rows if r["model"] == name]
            print(f"torch {name}: test accuracy " + ", ".join(f"{a:.3f}" for a in accuracies)
                  + f" (median {statistics.median(accuracies):.3f})", file=sys.stderr)
        return

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
