#!/usr/bin/env python3
"""How much of a trial's outcome a network shares with its nearest earlier relative in a search.

Regularized evolution can only beat random search as far as a mutant inherits its parent's
quality: the tournament picks parents by their told value, and a child gains from that only if
its own value follows the parent's. This script reads the `kind: "nas-trial"` lines of `automl
bench nas --trial-lines` and, in each search, pairs every trial after the first `--skip` with the
earlier trial nearest to it in decisions (Hamming distance; the latest on ties; for evolution
that is its parent or a sibling, at distance 1 when one decision mutated). It prints, per search
and then per strategy over seeds, the rank correlation between the two of the parameter count (a
mutant's size follows its parent's, which shows the pairing works), the told value, the
validation accuracy, the test accuracy of the trial's short training, and the validation minus
test residual (a network's luck with the search's validation rows: if the residual is inherited,
evolution can climb the split's noise rather than the networks' quality). For random search the
nearest earlier draw is far away and the correlations show what unrelated networks share.

    automl bench nas --trial-lines ... > evolution.jsonl
    python3 benchmarks/nas_inheritance.py evolution.jsonl random.jsonl
"""
import argparse
import json
import math
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from nas_proxy_fidelity import spearman  # noqa: E402
from nas_retrain import read_lines, trial_lines  # noqa: E402

MEASURES = {
    "parameters": lambda t: t["parameters"],  # a mutant's size follows its parent's: the pairing's check
    "value": lambda t: t["value"],
    "validationAccuracy": lambda t: t["validationAccuracy"],
    "testAccuracy": lambda t: t["testAccuracy"],
    "residual": lambda t: t["validationAccuracy"] - t["testAccuracy"],
}


def distance(a, b):
    return sum(x != y for x, y in zip(a, b)) + abs(len(a) - len(b))


def nearest_earlier(trials, index):
    """The earlier trial nearest to trials[index] in decisions, the latest of those at that distance."""
    here = trials[index]["decisions"]
    return min(reversed(trials[:index]), key=lambda t: distance(t["decisions"], here))


def correlation(xs, ys):
    """Spearman's rank correlation (a diverged training's loss is an outlier, not a rank); nan
    with fewer than three pairs or when a side does not vary."""
    return spearman(xs, ys) if len(xs) >= 3 else float("nan")


def inheritance(trials, skip):
    """One search's pairs of (nearest earlier relative, trial) and what they share."""
    ordered = sorted(trials, key=lambda t: t["number"])
    pairs = [(nearest_earlier(ordered, i), ordered[i]) for i in range(max(skip, 1), len(ordered))]
    result = {"pairs": len(pairs),
              "medianDistance": statistics.median(distance(a["decisions"], b["decisions"]) for a, b in pairs) if pairs else None}
    for name, measure in MEASURES.items():
        result[name] = correlation([measure(a) for a, _ in pairs], [measure(b) for _, b in pairs])
    return result


def summarize(paths, skip=None):
    searches = trial_lines(read_lines(paths))
    if not searches:
        sys.exit("no kind: \"nas-trial\" lines in the given files (run bench nas with --trial-lines)")
    by_strategy = {}
    for (strategy, seed, _, options, _), trials in sorted(searches.items(), key=lambda item: (item[0][0], item[0][1])):
        start = skip if skip is not None else json.loads(options).get("population", 10)
        result = dict(kind="nas-inheritance", strategy=strategy, seed=seed, skip=start, **inheritance(trials, start))
        print(json.dumps(result))
        by_strategy.setdefault(strategy, []).append(result)
    for strategy, results in by_strategy.items():
        mean = {"kind": "nas-inheritance-mean", "strategy": strategy, "searches": len(results)}
        for name in MEASURES:
            values = [r[name] for r in results if not math.isnan(r[name])]
            mean[name] = statistics.mean(values) if values else float("nan")
            mean[name + "StandardError"] = statistics.stdev(values) / math.sqrt(len(values)) if len(values) > 1 else float("nan")
        mean["medianDistance"] = statistics.median(r["medianDistance"] for r in results if r["medianDistance"] is not None)
        print(json.dumps(mean))
        print(f"{strategy}, {len(results)} searches, nearest earlier relative at median distance {mean['medianDistance']:g}: "
              + ", ".join(f"{name} r = {mean[name]:+.2f} ± {mean[name + 'StandardError']:.2f}" for name in MEASURES),
              file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", help="bench nas output with nas-trial lines (other kinds are skipped)")
    parser.add_argument("--skip", type=int, help="trials left out at the start of each search (default: its population, else 10)")
    args = parser.parse_args()
    if args.skip is not None and args.skip < 1:
        parser.error("need --skip >= 1")
    summarize(args.files, args.skip)


if __name__ == "__main__":
    main()
