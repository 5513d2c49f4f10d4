#!/usr/bin/env python3
"""More final trainings of the networks `automl bench nas` found, and what they add up to.

A found network's final test accuracy is one training (or `--final-trainings N` of them) on 1,000
test rows, and on MNIST-1D that noise (about 0.26 points a training) is larger than the
differences between the networks a search ends with. This script takes the benchmark's
`kind: "nas"` rows, trains each distinct found network more times with the benchmark's final
recipe (its `settings.learningRate` when the run set one; the same commands an external evaluator would run: `automl architecture` for the model,
`automl train` on every training row, data seed = the row's seed), and then judges each strategy
against a baseline on the mean of all of a network's trainings, the benchmark's own included.

Trainings are independent, so they split over processes (one per core):

    python3 benchmarks/nas_retrain.py train evolution.jsonl random.jsonl --trainings 3 --worker 0 --workers 2 > more0.jsonl &
    python3 benchmarks/nas_retrain.py train evolution.jsonl random.jsonl --trainings 3 --worker 1 --workers 2 > more1.jsonl &
    wait; python3 benchmarks/nas_retrain.py summarize evolution.jsonl random.jsonl more0.jsonl more1.jsonl

The benchmark's own final trainings use training seeds S, S + 100, ...; the new ones S +
offset, S + offset + 100, ... (`--offset`, default 300, clear of `--final-trainings 3`). A
network both strategies found on one seed is trained once for both. `summarize` prints, per
strategy, the seeds won, level and lost on the mean test accuracy, the mean difference and its
standard error, the exact sign test's p; and over the distinct networks the spread of one
training around its network's mean against the spread of the networks' true means (the
reliability of one training and of the mean of k).

A strategy can also be judged on the networks at the top of its search rather than on the one it
ends with (the quantity a better search improves, and less at the mercy of one noisy pick): run
`automl bench nas --trial-lines`, which adds a `kind: "nas-trial"` line per trained trial, then

    python3 benchmarks/nas_retrain.py train rows.jsonl --top 5 --trainings 1 --offset 0 > top.jsonl
    python3 benchmarks/nas_retrain.py summarize rows.jsonl top.jsonl --top 5

trains each search's five best trials by told value once with the final recipe (training seed =
the row's seed, so the found network's first final training is reused, not repeated), and
judges each strategy on the mean final test accuracy of its five, beside the mean test accuracy
those five reached in their short trials and that of the second half of its trials (what the
search samples once it has learnt, on rows it never saw). Use a release build (`AUTOML_BIN` or
`--binary`): an 80-epoch training of a network of the default space takes about two CPU minutes.
"""
import argparse
import json
import math
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from nas_proxy_fidelity import RECIPE, run_automl, train as train_network  # noqa: E402  (also puts the client on the path)
from automl_client import find_binary  # noqa: E402
# NASFinalSelection: the k-th final training of a row of seed S uses training seed S + 100 k.
SEED_STEP = 100


def read_lines(paths):
    """Every JSON line of the files, with where it came from (other kinds are kept, then ignored)."""
    lines = []
    for path in paths:
        with open(path) as f:
            for number, text in enumerate(f, 1):
                if text.strip():
                    try:
                        lines.append((json.loads(text), f"{path}:{number}"))
                    except json.JSONDecodeError as error:
                        sys.exit(f"{path}:{number}: not JSON ({error})")
    return lines


def found_networks(lines):
    """The benchmark's `kind: "nas"` rows as found networks: who found it, on which seed, the
    network's identity (space, decisions, final epochs) and the final test accuracies it has."""
    found = []
    for line, where in lines:
        if line.get("kind") != "nas":
            continue
        settings = line.get("settings") or {}
        epochs = settings.get("finalEpochs")
        if not epochs:
            sys.exit(f"{where}: the row has no final retraining (settings.finalEpochs): nothing to add trainings to")
        own = line.get("finalTestAccuracies") or [line["finalTestAccuracy"]]
        space = (line.get("options") or {}).get("space")
        found.append({"strategy": line["strategy"], "seed": line["seed"], "space": space,
                      "decisions": line["decisions"], "epochs": epochs, "parameters": line["parameters"],
                      "learningRate": settings.get("learningRate", RECIPE["learningRate"]),
                      "options": {k: v for k, v in (line.get("options") or {}).items() if k != "space"},
                      "settings": settings, "where": where,
                      "trainings": {line["seed"] + SEED_STEP * k: a for k, a in enumerate(own)}})
    return found


def network_key(seed, space, decisions, epochs, learning_rate):
    """What makes two trainings trainings of the same network on the same data with the same recipe."""
    return (seed, json.dumps(space, sort_keys=True), tuple(decisions), epochs, learning_rate)


def key_of(network):
    return network_key(network["seed"], network["space"], network["decisions"], network["epochs"], network["learningRate"])


def search_key(strategy, seed, space, options, settings):
    """What a `nas` row and the `nas-trial` lines of its search share."""
    return (strategy, seed, json.dumps(space, sort_keys=True), json.dumps(options, sort_keys=True),
            json.dumps(settings, sort_keys=True))


def search_key_of(line):
    """The search a `nas-trial` line (or a line made from one) belongs to."""
    options = dict(line.get("options") or {})
    space = options.pop("space", None)
    return search_key(line["strategy"], line["seed"], space, options, line.get("settings") or {})


def trial_lines(lines):
    """The `nas-trial` lines by search, in training order; a trial read twice must be the same trial."""
    searches = {}
    for line, where in lines:
        if line.get("kind") != "nas-trial":
            continue
        trials = searches.setdefault(search_key_of(line), {})
        earlier = trials.setdefault(line["number"], (line, where))
        if earlier[0] != line:
            sys.exit(f"{where}: trial {line['number']} of {line['strategy']} seed {line['seed']} differs from {earlier[1]}")
    return {key: [trials[number][0] for number in sorted(trials)] for key, trials in searches.items()}


def top_networks(found, lines, k):
    """For each found network's search, its `k` best trained trials by told value (earlier first
    on ties), as networks to train; each row's list is under `top`."""
    searches = trial_lines(lines)
    tops = []
    for network in found:
        key = search_key(network["strategy"], network["seed"], network["space"], network["options"], network["settings"])
        trials = searches.get(key)
        if not trials:
            sys.exit(f"{network['where']}: no nas-trial lines of this search in the given files (run bench nas with --trial-lines)")
        if len(trials) < k:
            sys.exit(f"{network['where']}: the search trained {len(trials)} networks, fewer than --top {k}")
        ranked = sorted(trials, key=lambda t: (t["value"], t["number"]))[:k]
        network["trials"] = trials
        network["top"] = [dict(network, decisions=t["decisions"], parameters=t["parameters"], value=t["value"],
                               trialTestAccuracy=t["testAccuracy"], trainings={}, top=None, trials=None) for t in ranked]
        tops += network["top"]
    return tops


def share_trainings(networks):
    """Makes every entry of one network (the same seed, space, decisions and recipe: found by two
    strategies, or both found and among a search's top) hold one trainings dict."""
    shared = {}
    for network in networks:
        trainings = shared.setdefault(key_of(network), {})
        for seed, accuracy in network["trainings"].items():
            if trainings.setdefault(seed, accuracy) != accuracy:
                sys.exit(f"{network['where']}: training seed {seed} of seed {network['seed']}'s network gave {accuracy}, "
                         f"but {trainings[seed]} in another row")
        network["trainings"] = trainings
    return networks


def plan(found, trainings, offset):
    """The trainings to run: each distinct network `trainings` more times, training seeds
    seed + offset, seed + offset + 100, ..., in a fixed order (so workers can split it); a
    training the rows already hold (the benchmark's own, with --offset 0) is not run again."""
    jobs, seen = [], set()
    for network in found:
        key = key_of(network)
        if key in seen:
            continue
        seen.add(key)
        for k in range(trainings):
            training_seed = network["seed"] + offset + SEED_STEP * k
            if training_seed in network["trainings"]:
                continue
            jobs.append({"seed": network["seed"], "space": network["space"], "decisions": network["decisions"],
                         "epochs": network["epochs"], "learningRate": network["learningRate"],
                         "trainingSeed": training_seed})
    return jobs


def model_of(binary, decisions, space):
    """The trainer's model of an architecture, as an external evaluator builds it (`automl
    architecture`; no space: the default one)."""
    architecture = ["architecture", "--decisions", json.dumps(decisions), "--model-only"]
    if space is not None:
        architecture += ["--space", json.dumps(space)]
    return run_automl(binary, architecture)


def retrain(binary, job):
    """One final training of a found network, as the benchmark's own: all training rows,
    the row's seed as data seed, the final recipe."""
    model = model_of(binary, job["decisions"], job["space"])
    trained = train_network(binary, model, job["epochs"], 0.0, job["trainingSeed"], job["learningRate"], data_seed=job["seed"])
    return dict(job, kind="nas-retraining", testAccuracy=trained["testAccuracy"], parameters=trained["parameters"])


def attach(found, lines):
    """Adds the `nas-retraining` lines to the networks they train. A training seed a network
    already has must give the same accuracy (training is deterministic) and is counted once."""
    by_key = {}
    for network in found:
        by_key.setdefault(key_of(network), []).append(network)
    for line, where in lines:
        if line.get("kind") != "nas-retraining":
            continue
        key = network_key(line["seed"], line["space"], line["decisions"], line["epochs"],
                          line.get("learningRate", RECIPE["learningRate"]))
        if key not in by_key:
            sys.exit(f"{where}: a retraining of a network no row of the given files found (seed {line['seed']})")
        for network in by_key[key]:
            earlier = network["trainings"].setdefault(line["trainingSeed"], line["testAccuracy"])
            if earlier != line["testAccuracy"]:
                sys.exit(f"{where}: training seed {line['trainingSeed']} of seed {line['seed']}'s network gave "
                         f"{line['testAccuracy']}, but {earlier} elsewhere: not the same build or recipe")
    return found


def sign_test_p(won, lost):
    """The exact two-sided sign test: level pairs are left out."""
    n = won + lost
    if n == 0:
        return 1.0
    tail = sum(math.comb(n, k) for k in range(min(won, lost) + 1)) / 2 ** n
    return min(1.0, 2 * tail)


def mean_test(network):
    """A found network's score: the mean test accuracy of all its final trainings."""
    return statistics.mean(network["trainings"].values())


def top_final_test(network):
    """A search's score under --top: the mean over its top networks of each one's mean final test."""
    for rank, entry in enumerate(network["top"], 1):
        if not entry["trainings"]:
            sys.exit(f"{network['where']}: the search's number {rank} by told value has no final training "
                     f"(run train --top {len(network['top'])} first)")
    return statistics.mean(mean_test(entry) for entry in network["top"])


def top_trial_test(network):
    """A search's score under --top from its trials alone: the mean test accuracy its top networks
    reached in their short trial trainings."""
    return statistics.mean(entry["trialTestAccuracy"] for entry in network["top"])


def training_count(network):
    return len(network["trainings"])


def top_training_count(network):
    return sum(len(entry["trainings"]) for entry in network["top"])


def second_half_trial_test(network):
    """A search's score from its trials alone: the mean test accuracy of the second half of its
    trials in their short trainings (where a search samples once it has learnt; the test-side
    twin of the benchmark's secondHalfValidationAccuracy, counted as the bench counts it)."""
    trials = network["trials"]
    return statistics.mean(t["testAccuracy"] for t in trials[len(trials) - len(trials) // 2:] or trials)


def versus(found, baseline, score=mean_test, kind="nas-retrain-versus", count=training_count):
    """Each strategy's networks against the baseline's, seed by seed, on `score` (by default the
    mean of all of the found network's trainings)."""
    groups = {}
    for network in found:
        group = (network["strategy"], json.dumps(network["options"], sort_keys=True),
                 json.dumps(network["settings"], sort_keys=True), json.dumps(network["space"], sort_keys=True))
        groups.setdefault(group, {})
        if network["seed"] in groups[group]:
            sys.exit(f"{network['where']}: a second {network['strategy']} row for seed {network['seed']}")
        groups[group][network["seed"]] = network
    bases = {(g[2], g[3]): rows for g, rows in groups.items() if g[0] == baseline}
    results = []
    for group, rows in groups.items():
        if group[0] == baseline:
            continue
        base = bases.get((group[2], group[3]), {})
        seeds = sorted(set(rows) & set(base))
        if not seeds:
            continue
        pairs = [(seed, rows[seed], base[seed]) for seed in seeds]
        means = [(score(a), score(b)) for _, a, b in pairs]
        differences = [a - b for a, b in means]
        won = sum(d > 1e-12 for d in differences)
        lost = sum(d < -1e-12 for d in differences)
        standard_error = statistics.stdev(differences) / math.sqrt(len(differences)) if len(differences) > 1 else float("nan")
        results.append({
            "kind": kind, "strategy": group[0], "baseline": baseline, "options": json.loads(group[1]),
            "seeds": seeds, "trainings": [[count(a), count(b)] for _, a, b in pairs],
            "meanTestAccuracy": [statistics.mean(a for a, _ in means), statistics.mean(b for _, b in means)],
            "meanParameters": [statistics.mean(a["parameters"] for _, a, _ in pairs),
                               statistics.mean(b["parameters"] for _, _, b in pairs)],
            "differences": differences, "won": won, "level": len(differences) - won - lost, "lost": lost,
            "meanDifference": statistics.mean(differences), "standardError": standard_error,
            "signTestP": sign_test_p(won, lost)})
    return results


def spread(found):
    """Over the distinct networks with two trainings or more: the standard deviation of one
    training around its network's mean (pooled), that of the networks' true means (the variance
    of the means less the training noise in it), and the share of a measurement that is the
    network rather than noise, for one training and for the mean of `k` (the median count)."""
    networks = {}
    for network in found:
        networks.setdefault(key_of(network), network["trainings"])
    samples = [list(t.values()) for t in networks.values() if len(t) > 1]
    if len(samples) < 2:
        return None
    within = sum(sum((x - statistics.mean(s)) ** 2 for x in s) for s in samples) / sum(len(s) - 1 for s in samples)
    means = [statistics.mean(s) for s in samples]
    noise_in_means = statistics.mean(within / len(s) for s in samples)
    between = max(0.0, statistics.variance(means) - noise_in_means)
    k = int(statistics.median(len(s) for s in samples))
    share = (lambda n: between / (between + within / n)) if between + within > 0 else (lambda n: float("nan"))
    return {"kind": "nas-retrain-spread", "networks": len(samples), "trainingSD": math.sqrt(within),
            "networkSD": math.sqrt(between), "reliabilityOfOne": share(1), "trainingsEach": k,
            "reliabilityOfMean": share(k)}


def networks_of(lines, top):
    """The found networks of the rows (with --top, each row's top networks too, under `top`) with
    every training the lines hold attached, and the list of all of them."""
    found = found_networks(lines)
    if not found:
        sys.exit("no kind: \"nas\" rows in the given files")
    every = found + (top_networks(found, lines, top) if top else [])
    attach(share_trainings(every), lines)
    return found, every


def report(result, what):
    print(json.dumps(result))
    print(f"{result['strategy']} against {result['baseline']}, {len(result['seeds'])} seeds, {what}: "
          f"{100 * result['meanTestAccuracy'][0]:.2f}% against {100 * result['meanTestAccuracy'][1]:.2f}% "
          f"({result['meanParameters'][0]:,.0f} and {result['meanParameters'][1]:,.0f} parameters found); "
          f"won {result['won']}, level {result['level']}, lost {result['lost']} (sign test p = {result['signTestP']:.3f}); "
          f"difference {100 * result['meanDifference']:+.2f} ± {100 * result['standardError']:.2f} points",
          file=sys.stderr)


def summarize(paths, baseline, top=None):
    lines = read_lines(paths)
    found, every = networks_of(lines, top)
    for result in versus(found, baseline):
        report(result, f"found network, mean of {result['trainings'][0][0]}-{max(max(t) for t in result['trainings'])} trainings")
    if top:
        for result in versus(found, baseline, top_final_test, "nas-retrain-top-versus", top_training_count):
            report(dict(result, top=top), f"mean final test of the {top} best by told value")
        for result in versus(found, baseline, top_trial_test, "nas-retrain-top-trial-versus"):
            report(dict(result, top=top, trainings=None), f"mean test of the {top} best in their short trials")
        for result in versus(found, baseline, second_half_trial_test, "nas-retrain-second-half-trial-versus"):
            report(dict(result, trainings=None), "mean test of the second half of the trials in their short trials")
    result = spread(every)
    if result:
        print(json.dumps(result))
        print(f"{result['networks']} networks: one training varies {100 * result['trainingSD']:.2f} points around its "
              f"network's mean, the networks' true means {100 * result['networkSD']:.2f} points; reliability "
              f"{result['reliabilityOfOne']:.2f} for one training, {result['reliabilityOfMean']:.2f} for the mean of "
              f"{result['trainingsEach']}", file=sys.stderr)


def train(paths, args):
    lines = read_lines(paths)
    _, every = networks_of(lines, args.top)
    jobs = plan(every, args.trainings, args.offset)
    binary = find_binary(args.binary)
    for index, job in enumerate(jobs):
        if index % args.workers == args.worker:
            print(json.dumps(retrain(binary, job)), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    trainer = commands.add_parser("train", help="train the found networks of bench nas rows more times")
    trainer.add_argument("files", nargs="+", help="bench nas JSON lines (other kinds are skipped)")
    trainer.add_argument("--trainings", type=int, default=3, help="new trainings per distinct network")
    trainer.add_argument("--offset", type=int, default=300, help="the first new training seed is the row's seed plus this")
    trainer.add_argument("--binary", help="the automl binary (default: AUTOML_BIN, PATH, then the checkout's .build)")
    trainer.add_argument("--top", type=int, help="also train each search's K best trials by told value (needs nas-trial lines)")
    trainer.add_argument("--worker", type=int, default=0)
    trainer.add_argument("--workers", type=int, default=1)
    summary = commands.add_parser("summarize", help="judge the strategies on the mean of all trainings")
    summary.add_argument("files", nargs="+", help="bench nas rows and the train command's lines, in any order")
    summary.add_argument("--baseline", default="nas-random")
    summary.add_argument("--top", type=int, help="also judge each search on its K best trials by told value")
    args = parser.parse_args()
    if args.top is not None and args.top < 1:
        parser.error("need --top >= 1")
    if args.command == "train":
        if args.trainings < 1 or args.offset < 0 or not 0 <= args.worker < args.workers:
            parser.error("need --trainings >= 1, --offset >= 0 and 0 <= --worker < --workers")
        train(args.files, args)
    else:
        summarize(args.files, args.baseline, args.top)


if __name__ == "__main__":
    main()
