#!/usr/bin/env python3
"""Optuna's samplers on the same test problems and seeds as `automl bench hpo`.

Prints the same JSON lines (kind "regret" and "cost") with strategies named optuna-<sampler>,
so scripts/bench-hpo-compare can put both side by side. Needs `pip install optuna cmaes torch`
(torch for GPSampler); it is a benchmark dependency, not a test one.
"""
import argparse
import json
import math
import statistics
import sys
import time

import numpy as np

PI = math.pi


def branin(x):
    a, b, c, r, s, t = 1.0, 5.1 / (4 * PI * PI), 5 / PI, 6.0, 10.0, 1 / (8 * PI)
    u = x[1] - b * x[0] ** 2 + c * x[0] - r
    return a * u * u + s * (1 - t) * math.cos(x[0]) + s


H3A = [[3, 10, 30], [0.1, 10, 35], [3, 10, 30], [0.1, 10, 35]]
H3P = [[0.3689, 0.1170, 0.2673], [0.4699, 0.4387, 0.7470], [0.1091, 0.8732, 0.5547], [0.0381, 0.5743, 0.8828]]
H6A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
H6P = [[0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886], [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
       [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650], [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381]]
ALPHA = [1.0, 1.2, 3.0, 3.2]


def hartmann(x, a, p):
    return -sum(ALPHA[i] * math.exp(-sum(a[i][j] * (x[j] - p[i][j]) ** 2 for j in range(len(x)))) for i in range(4))


def rosenbrock(x):
    return sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2 for i in range(len(x) - 1))


def ackley(x):
    n = len(x)
    return (-20 * math.exp(-0.2 * math.sqrt(sum(v * v for v in x) / n))
            - math.exp(sum(math.cos(2 * PI * v) for v in x) / n) + 20 + math.e)


PROBLEMS = {
    "branin": ([(-5, 10), (0, 15)], 0.397887357729738, branin),
    "hartmann3": ([(0, 1)] * 3, -3.862782147820756, lambda x: hartmann(x, H3A, H3P)),
    "hartmann6": ([(0, 1)] * 6, -3.322368011415515, lambda x: hartmann(x, H6A, H6P)),
    "rosenbrock4": ([(-5, 10)] * 4, 0.0, rosenbrock),
    "ackley10": ([(-32.768, 32.768)] * 10, 0.0, ackley),
}


def make_sampler(name, seed):
    import optuna
    if name == "tpe":
        return optuna.samplers.TPESampler(seed=seed)
    if name == "gp":
        return optuna.samplers.GPSampler(seed=seed)
    if name == "cmaes":
        return optuna.samplers.CmaEsSampler(seed=seed)
    if name == "random":
        return optuna.samplers.RandomSampler(seed=seed)
    raise SystemExit(f"unknown sampler {name}")


def run(problem, sampler_name, seed, trials):
    import optuna
    bounds, optimum, fn = PROBLEMS[problem]
    study = optuna.create_study(sampler=make_sampler(sampler_name, seed))
    best = math.inf
    trace = []
    for _ in range(trials):
        trial = study.ask()
        x = [trial.suggest_float(f"x{i}", lo, hi) for i, (lo, hi) in enumerate(bounds)]
        value = fn(x)
        study.tell(trial, value)
        best = min(best, value)
        trace.append(best - optimum)
    return trace


def quartiles(values):
    q = np.percentile(values, [25, 50, 75])
    return {"median": float(q[1]), "q25": float(q[0]), "q75": float(q[2])}


def cost(sampler_name, history, timed):
    """Mean ms of ask + tell after `history` completed trials on a 5-D sphere."""
    import optuna
    rng = np.random.default_rng(12345)
    study = optuna.create_study(sampler=make_sampler(sampler_name, 0))
    dists = {f"x{i}": optuna.distributions.FloatDistribution(-5, 5) for i in range(5)}
    for _ in range(history):
        params = {f"x{i}": float(rng.uniform(-5, 5)) for i in range(5)}
        study.add_trial(optuna.trial.create_trial(params=params, distributions=dists, value=sum(v * v for v in params.values())))
    start = time.perf_counter()
    for _ in range(timed):
        trial = study.ask()
        x = [trial.suggest_float(f"x{i}", -5, 5) for i in range(5)]
        study.tell(trial, sum(v * v for v in x))
    return (time.perf_counter() - start) * 1000 / timed


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--samplers", default="random,tpe,cmaes,gp")
    parser.add_argument("--problems", default=",".join(PROBLEMS))
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--checkpoints", default="10,25,50,100")
    parser.add_argument("--history-sizes", default="100,1000")
    parser.add_argument("--timed-asks", type=int, default=20)
    args = parser.parse_args()
    import optuna
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    checkpoints = [int(c) for c in args.checkpoints.split(",") if c and int(c) <= args.trials]
    for problem in args.problems.split(","):
        for sampler in args.samplers.split(","):
            start = time.perf_counter()
            traces = [run(problem, sampler, seed, args.trials) for seed in range(args.seeds)]
            row = {"kind": "regret", "strategy": f"optuna-{sampler}", "problem": problem}
            for c in checkpoints:
                row[f"at{c}"] = quartiles([t[c - 1] for t in traces])
            row["secondsPerRun"] = (time.perf_counter() - start) / args.seeds
            print(json.dumps(row), flush=True)
            print(f"optuna-{sampler} {problem}: median regret@{checkpoints[-1]} {row[f'at{checkpoints[-1]}']['median']:.3g}", file=sys.stderr)
    for size in [int(s) for s in args.history_sizes.split(",") if s]:
        for sampler in args.samplers.split(","):
            if sampler == "gp" and size > 300:
                continue  # GPSampler at 1,000 trials takes minutes per ask; measured at 100-300 only.
            ms = cost(sampler, size, args.timed_asks)
            print(json.dumps({"kind": "cost", "strategy": f"optuna-{sampler}", "history": size, "msPerAskTell": ms}), flush=True)


if __name__ == "__main__":
    main()
