#!/usr/bin/env python3
"""Merges JSON lines from `automl bench hpo` and benchmarks/optuna_hpo.py into side-by-side tables.

Reads JSON lines on stdin; prints the regret table (median [q25, q75] per checkpoint, one row
per problem, one column per strategy) and the cost table, with each of our strategies' cost as a
ratio against Optuna's same-named sampler measured in the same run.
"""
import json
import sys
from collections import defaultdict


def fmt(v):
    if v != v:
        return "nan"
    if v == 0:
        return "0"
    return f"{v:.3g}" if 1e-3 <= abs(v) < 1e5 else f"{v:.2e}"


def main():
    regret = defaultdict(dict)
    cost = defaultdict(dict)
    strategies, problems, checkpoints = [], [], set()
    for line in sys.stdin:
        line = line.strip()
        if not line.startswith("{"):
            continue
        row = json.loads(line)
        name = row["strategy"]
        if name not in strategies:
            strategies.append(name)
        if row["kind"] == "regret":
            if row["problem"] not in problems:
                problems.append(row["problem"])
            regret[row["problem"]][name] = row
            checkpoints.update(int(k[2:]) for k in row if k.startswith("at"))
        elif row["kind"] == "cost":
            cost[name][row["history"]] = row["msPerAskTell"]
    for c in sorted(checkpoints):
        print(f"\nMedian regret after {c} trials [q25, q75]; lower is better")
        print("| problem | " + " | ".join(strategies) + " |")
        print("|---" * (len(strategies) + 1) + "|")
        for p in problems:
            cells = []
            for s in strategies:
                r = regret[p].get(s, {}).get(f"at{c}")
                cells.append(f"{fmt(r['median'])} [{fmt(r['q25'])}, {fmt(r['q75'])}]" if r else "-")
            print(f"| {p} | " + " | ".join(cells) + " |")
    sizes = sorted({h for s in cost for h in cost[s]})
    if sizes:
        print("\nMilliseconds per ask + tell (5-D, after N completed trials); ratio = Optuna's / ours")
        print("| strategy | " + " | ".join(f"N={h}" for h in sizes) + " |")
        print("|---" * (len(sizes) + 1) + "|")
        for s in strategies:
            if s not in cost:
                continue
            cells = []
            for h in sizes:
                ms = cost[s].get(h)
                if ms is None:
                    cells.append("-")
                    continue
                base = cost.get(f"optuna-{s}", {}).get(h)
                cells.append(f"{fmt(ms)}" + (f" ({base / ms:.1f}x faster)" if base and not s.startswith("optuna-") else ""))
            print(f"| {s} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
