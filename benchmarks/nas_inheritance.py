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
    python3 benchmarks/nas_inheritance.py summarize evolution.jsonl random.jsonl

A child can inherit no more than the measure repeats itself: `retest` trains the last `--trials`
networks of each search once more with the trial's recipe and split but another training seed
(the search's seed + `--offset`), and `summarize` then adds, per search, the rank correlation of
the told value with the retested one over those networks (the measure's test-retest within the
population the search has narrowed to). Inheritance near the retest means mutations keep a
network's quality and the measure is what limits the search; inheritance far below it means one
mutation changes the network more than the measure's noise does.

    python3 benchmarks/nas_inheritance.py retest evolution.jsonl --trials 20 --worker 0 --workers 2 > r0.jsonl &
    python3 benchmarks/nas_inheritance.py retest evolution.jsonl --trials 20 --worker 1 --workers 2 > r1.jsonl &
    wait; python3 benchmarks/nas_inheritance.py summarize evolution.jsonl r0.jsonl r1.jsonl
"""
import argparse
import json
import math
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from nas_proxy_fidelity import RECIPE, spearman, train as train_network  # noqa: E402
from nas_retrain import model_of, read_lines, search_key_of, trial_lines  # noqa: E402
from automl_client import find_binary  # noqa: E402

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


def mean_and_error(values):
    """The mean of the values that are numbers and its standard error (nan when it has none)."""
    values = [v for v in values if not math.isnan(v)]
    mean = statistics.mean(values) if values else float("nan")
    return mean, statistics.stdev(values) / math.sqrt(len(values)) if len(values) > 1 else float("nan")


def inheritance(trials, skip):
    """One search's pairs of (nearest earlier relative, trial) and what they share; `trials` in
    training order."""
    pairs = [(nearest_earlier(trials, i), trials[i]) for i in range(max(skip, 1), len(trials))]
    result = {"pairs": len(pairs),
              "medianDistance": statistics.median(distance(a["decisions"], b["decisions"]) for a, b in pairs) if pairs else None}
    for name, measure in MEASURES.items():
        result[name] = correlation([measure(a) for a, _ in pairs], [measure(b) for _, b in pairs])
    return result


def retest_jobs(searches, count):
    """The last `count` trials of each search, in a fixed order (so workers can split them)."""
    return [trial for key in sorted(searches) for trial in searches[key][-count:]]


def retrain_trial(binary, line, offset):
    """The trial's short training again, as the bench ran it but for the training seed: the same
    epochs, validation share, split (the search's, or the trial's own with a per-trial split) and
    peak; told the same objective."""
    settings = line.get("settings") or {}
    model = model_of(binary, line["decisions"], (line.get("options") or {}).get("space"))
    # NASBenchmark.trialData: a per-trial split has data seed S + 1000 × the trial's number.
    data_seed = line["seed"] + 1000 * line["number"] if settings.get("validationSplit") == "perTrial" else line["seed"]
    trained = train_network(binary, model, settings["epochs"], settings["validationFraction"], line["seed"] + offset,
                            settings.get("learningRate", RECIPE["learningRate"]), data_seed=data_seed)
    value = trained["validationLoss"] if settings.get("objective") == "validationLoss" else 1 - trained["validationAccuracy"]
    keep = {k: line[k] for k in ("strategy", "seed", "number", "decisions", "options", "settings") if k in line}
    return dict(keep, kind="nas-trial-retest", trainingSeed=line["seed"] + offset, value=value,
                validationAccuracy=trained["validationAccuracy"], testAccuracy=trained["testAccuracy"])


def retest(paths, args):
    jobs = retest_jobs(trial_lines(read_lines(paths)), args.trials)
    binary = find_binary(args.binary)
    for index, job in enumerate(jobs):
        if index % args.workers == args.worker:
            print(json.dumps(retrain_trial(binary, job, args.offset)), flush=True)


def retests_by_search(lines):
    """The `nas-trial-retest` lines by search and trial number."""
    found = {}
    for line, _ in lines:
        if line.get("kind") == "nas-trial-retest":
            found.setdefault(search_key_of(line), {})[line["number"]] = line
    return found


def summarize(paths, skip=None):
    lines = read_lines(paths)
    searches = trial_lines(lines)
    retests = retests_by_search(lines)
    if not searches:
        sys.exit("no kind: \"nas-trial\" lines in the given files (run bench nas with --trial-lines)")
    by_strategy = {}
    for key, trials in sorted(searches.items(), key=lambda item: (item[0][0], item[0][1])):
        strategy, seed, _, options, _ = key
        start = skip if skip is not None else json.loads(options).get("population", 10)
        result = dict(kind="nas-inheritance", strategy=strategy, seed=seed, skip=start, **inheritance(trials, start))
        again = retests.get(key, {})
        if again:
            told = {t["number"]: t for t in trials}
            numbers = sorted(n for n in again if n in told)
            result["retested"] = len(numbers)
            result["retestValue"] = correlation([told[n]["value"] for n in numbers], [again[n]["value"] for n in numbers])
        print(json.dumps(result))
        by_strategy.setdefault(strategy, []).append(result)
    for strategy, results in by_strategy.items():
        mean = {"kind": "nas-inheritance-mean", "strategy": strategy, "searches": len(results)}
        for name in MEASURES:
            mean[name], mean[name + "StandardError"] = mean_and_error(r[name] for r in results)
        if any("retestValue" in r for r in results):
            mean["retestValue"], mean["retestValueStandardError"] = mean_and_error(r["retestValue"] for r in results if "retestValue" in r)
        mean["medianDistance"] = statistics.median(r["medianDistance"] for r in results if r["medianDistance"] is not None)
        print(json.dumps(mean))
        print(f"{strategy}, {len(results)} searches, nearest earlier relative at median distance {mean['medianDistance']:g}: "
              + ", ".join(f"{name} r = {mean[name]:+.2f} ± {mean[name + 'StandardError']:.2f}" for name in MEASURES)
              + (f"; the told value's retest r = {mean['retestValue']:+.2f} ± {mean['retestValueStandardError']:.2f}"
                 if "retestValue" in mean else ""), file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    summary = commands.add_parser("summarize", help="what each trial shares with its nearest earlier relative")
    summary.add_argument("files", nargs="+", help="bench nas output with nas-trial lines, and retest lines (other kinds are skipped)")
    summary.add_argument("--skip", type=int, help="trials left out at the start of each search (default: its population, else 10)")
    again = commands.add_parser("retest", help="train the last trials of each search once more with another training seed")
    again.add_argument("files", nargs="+", help="bench nas output with nas-trial lines")
    again.add_argument("--trials", type=int, default=20, help="the last this many trials of each search")
    again.add_argument("--offset", type=int, default=1, help="the new training seed is the search's seed plus this")
    again.add_argument("--binary", help="the automl binary (default: AUTOML_BIN, PATH, then the checkout's .build)")
    again.add_argument("--worker", type=int, default=0)
    again.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    if args.command == "summarize":
        if args.skip is not None and args.skip < 1:
            parser.error("need --skip >= 1")
        summarize(args.files, args.skip)
    else:
        if args.trials < 1 or args.offset < 0 or not 0 <= args.worker < args.workers:
            parser.error("need --trials >= 1, --offset >= 0 and 0 <= --worker < --workers")
        retest(args.files, args)


if __name__ == "__main__":
    main()
