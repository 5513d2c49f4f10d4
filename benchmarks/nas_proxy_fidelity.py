#!/usr/bin/env python3
"""How well the NAS benchmark's trial measure ranks networks for its final one.

`automl bench nas` tells each architecture its validation loss after a short training (10
epochs on 80% of the training rows) and judges the found network by its test accuracy after a
long one (80 epochs on all rows). A strategy can only beat random search on test as far as the
short measure ranks networks the way the long one does. This script draws architectures
uniformly from a space through the Python client (strategy `nas-random`, a real ask/tell loop:
each is told its short validation loss), trains each both ways with the embedded trainer, and
prints one JSON line per network and a summary: Spearman correlations of the short measures
with the long test accuracy (with a permutation p), and the long test accuracy by quartile of the
short validation loss.

Trainings are independent, so the draws can be split over processes (one per core) and the
lines joined afterwards:

    python3 benchmarks/nas_proxy_fidelity.py --networks 40 --worker 0 --workers 2 > w0.jsonl &
    python3 benchmarks/nas_proxy_fidelity.py --networks 40 --worker 1 --workers 2 > w1.jsonl &
    wait; python3 benchmarks/nas_proxy_fidelity.py --summarize w0.jsonl w1.jsonl

By default the short and the long training share the seed, as in `automl bench nas` (whose
first final training uses the trial's seed). `--trial-seed` and `--final-seed` set them apart; a
second run of the same draws with other seeds, joined with `--against`, measures how well each
measure agrees with itself (its test-retest rank correlation) and how well each run's short
measure ranks the other run's long one, free of a shared seed:

    python3 benchmarks/nas_proxy_fidelity.py --trial-seed 1001 --final-seed 1001 ... > s0.jsonl
    python3 benchmarks/nas_proxy_fidelity.py --summarize w0.jsonl w1.jsonl --against s0.jsonl s1.jsonl

`--final-epochs 0` trains the short measure only (a lever to try: other `--epochs`,
`--validation-fraction` or `--trial-seed`), and `--finals` ranks the mean short loss of the
summarized runs against the mean final test accuracy of other runs of the same draws:

    python3 benchmarks/nas_proxy_fidelity.py --final-epochs 0 --epochs 20 > e20.jsonl
    python3 benchmarks/nas_proxy_fidelity.py --summarize e20.jsonl --finals w0.jsonl w1.jsonl s0.jsonl s1.jsonl

Use a release build (`swift build -c release`; `AUTOML_BIN` or `--binary` names it): one
80-epoch training of a network of this space takes about two CPU minutes there.
"""
import argparse
import json
import os
import random
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "clients", "python"))
from automl_client import Engine  # noqa: E402

# The recipe `automl bench nas` trains every architecture with (NASBenchmark.trainingConfig).
RECIPE = {"optimizer": "adamw", "weightDecay": 0.01, "schedule": "onecycle", "learningRate": 0.003,
          "batchSize": 100}


def run_automl(binary, arguments):
    """One `automl` command's JSON output; a failing command ends the script with its stderr."""
    done = subprocess.run([binary, *arguments], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{binary} {arguments[0]} failed ({done.returncode}): {done.stderr.strip()}")
    return json.loads(done.stdout)


def train(binary, model, epochs, validation_fraction, seed, learning_rate=RECIPE["learningRate"], data_seed=None):
    """The bench's training of `model` (split and row order from `data_seed`, by default `seed`)."""
    config = dict(RECIPE, model=model, epochs=epochs, seed=seed, learningRate=learning_rate)
    return run_automl(binary, ["train", "--dataset", "mnist1d", "--validation-fraction", str(validation_fraction),
                               "--data-seed", str(seed if data_seed is None else data_seed), "--quiet",
                               "--config", json.dumps(config)])


def measure(args):
    space = json.loads(args.space)
    # NAS strategies serve the session's ordinary parameters beside the architecture; one is required.
    params = {"params": [{"name": "unused", "type": "float", "low": 0.0, "high": 1.0}]}
    with Engine(binary=args.binary) as engine:  # the client resolves AUTOML_BIN and build folders
        session = engine.create_session(params, strategy="nas-random", options={"space": space}, seed=args.seed)
        for k in range(args.networks):
            trial, = session.ask()
            if k % args.workers != args.worker:  # another worker trains it; every worker draws the same sequence
                session.tell(trial, 1.0)
                continue
            model = trial.architecture["model"]
            short = train(engine.binary, model,
                          args.epochs, args.validation_fraction, args.trial_seed, args.learning_rate)
            if args.max_parameters and short["parameters"] > args.max_parameters:
                session.tell(trial, 1.0)
                print(json.dumps({"network": k, "parameters": short["parameters"], "rejected": True}), flush=True)
                continue
            session.tell(trial, short["validationLoss"])
            line = {"network": k, "parameters": short["parameters"], "trialSeed": args.trial_seed,
                    "validationAccuracy": short["validationAccuracy"],
                    "validationLoss": short["validationLoss"], "shortTestAccuracy": short["testAccuracy"]}
            if args.learning_rate != RECIPE["learningRate"]:
                line["learningRate"] = args.learning_rate
            if args.final_epochs > 0:  # 0: a short-only run, to be ranked against other runs' finals
                long = train(engine.binary, model, args.final_epochs, 0.0, args.final_seed, args.learning_rate)
                line.update(finalSeed=args.final_seed, finalTestAccuracy=long["testAccuracy"])
            print(json.dumps(line), flush=True)


def ranks(values):
    order = sorted(range(len(values)), key=lambda i: values[i])
    result = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            result[order[k]] = (i + j) / 2  # ties share their mean rank
        i = j + 1
    return result


def spearman(a, b):
    ra, rb = ranks(a), ranks(b)
    ma, mb = statistics.mean(ra), statistics.mean(rb)
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb))
    norm = (sum((x - ma) ** 2 for x in ra) * sum((y - mb) ** 2 for y in rb)) ** 0.5
    return cov / norm if norm else float("nan")


def permutation_p(a, b, rounds=5000, seed=0):
    """Two-sided: the share of shuffles of b whose correlation with a is at least as strong."""
    observed, rng, hits, shuffled = abs(spearman(a, b)), random.Random(seed), 0, list(b)
    for _ in range(rounds):
        rng.shuffle(shuffled)
        hits += abs(spearman(a, shuffled)) >= observed
    return hits / rounds


def read_rows(paths):
    return [json.loads(line) for path in paths for line in open(path) if line.strip()]


def correlations(pairs):
    """Spearman's rho and its permutation p for each named (measure, target) pair."""
    return {name: {"rho": spearman(x, y), "permutationP": permutation_p(x, y)} for name, (x, y) in pairs.items()}


def require_finals(rows):
    if any("finalTestAccuracy" not in r for r in rows):
        sys.exit("some lines have no finalTestAccuracy (a short-only run, --final-epochs 0): "
                 "rank them against the finals of other runs with --finals")


def require_same_draws(networks, parameters, other_parameters, where):
    """Runs paired by network index must have drawn the same networks; the parameter count tells."""
    for k in networks:
        if parameters[k] != other_parameters[k]:
            sys.exit(f"network {k} has {parameters[k]} parameters {where[0]} and {other_parameters[k]} "
                     f"{where[1]}: the runs drew different networks (same --seed?)")


def summarize(paths):
    rows = read_rows(paths)
    trained = [r for r in rows if not r.get("rejected")]
    if len(trained) < 4:
        sys.exit(f"need at least 4 trained networks, got {len(trained)}")
    require_finals(trained)
    final = [r["finalTestAccuracy"] for r in trained]
    short = {"validationLoss": [-r["validationLoss"] for r in trained],
             "validationAccuracy": [r["validationAccuracy"] for r in trained],
             "shortTestAccuracy": [r["shortTestAccuracy"] for r in trained],
             "parameters": [r["parameters"] for r in trained]}
    by_loss = sorted(trained, key=lambda r: r["validationLoss"])
    quarter = len(by_loss) // 4
    quartiles = [statistics.mean(r["finalTestAccuracy"] for r in by_loss[q * quarter:(q + 1) * quarter]) for q in range(4)]
    summary = {"kind": "nas-proxy-fidelity", "networks": len(trained), "rejected": len(rows) - len(trained),
               "finalTestAccuracy": {"mean": statistics.mean(final), "median": statistics.median(final),
                                     "min": min(final), "max": max(final), "stdev": statistics.stdev(final)},
               "spearman": correlations({name: (values, final) for name, values in short.items()}),
               "finalTestByLossQuartile": quartiles}
    print(json.dumps(summary))
    print(f"{len(trained)} networks: final test {100 * summary['finalTestAccuracy']['mean']:.2f}% mean, "
          f"{100 * min(final):.1f}-{100 * max(final):.1f}%", file=sys.stderr)
    for name, s in summary["spearman"].items():
        print(f"  Spearman with final test: {name:20s} {s['rho']:+.2f} (p = {s['permutationP']:.4f})", file=sys.stderr)
    print("  final test by quartile of short validation loss (best first): "
          + " / ".join(f"{100 * q:.2f}" for q in quartiles), file=sys.stderr)


def compare(paths, other_paths):
    """Two runs over the same draws with different seeds, paired by network index."""
    first = {r["network"]: r for r in read_rows(paths) if not r.get("rejected")}
    second = {r["network"]: r for r in read_rows(other_paths) if not r.get("rejected")}
    require_finals([*first.values(), *second.values()])
    both = sorted(set(first) & set(second))
    if len(both) < 4:
        sys.exit(f"need at least 4 networks trained in both runs, got {len(both)}")
    require_same_draws(both, {k: r["parameters"] for k, r in first.items()},
                       {k: r["parameters"] for k, r in second.items()}, ("in one run", "in the other"))
    a_short = [-first[k]["validationLoss"] for k in both]
    b_short = [-second[k]["validationLoss"] for k in both]
    a_final = [first[k]["finalTestAccuracy"] for k in both]
    b_final = [second[k]["finalTestAccuracy"] for k in both]
    mean_short = [(x + y) / 2 for x, y in zip(a_short, b_short)]
    mean_final = [(x + y) / 2 for x, y in zip(a_final, b_final)]
    pairs = {"shortWithShort": (a_short, b_short),  # test-retest of the trial measure
             "finalWithFinal": (a_final, b_final),  # test-retest of the final measure
             "firstShortWithSecondFinal": (a_short, b_final),
             "secondShortWithFirstFinal": (b_short, a_final),
             "meanShortWithMeanFinal": (mean_short, mean_final)}
    summary = {"kind": "nas-proxy-fidelity-comparison", "networks": len(both), "spearman": correlations(pairs)}
    print(json.dumps(summary))
    print(f"{len(both)} networks trained in both runs", file=sys.stderr)
    for name, s in summary["spearman"].items():
        print(f"  Spearman {name:26s} {s['rho']:+.2f} (p = {s['permutationP']:.4f})", file=sys.stderr)


def by_network(rows, field):
    """The mean of `field` per network index over the lines that have it, and each network's
    parameter count (lines of different runs must agree on it: the same draws)."""
    values, parameters = {}, {}
    for r in rows:
        if r.get("rejected") or field not in r:
            continue
        k = r["network"]
        if parameters.setdefault(k, r["parameters"]) != r["parameters"]:
            sys.exit(f"network {k} has {parameters[k]} parameters in one line and {r['parameters']} in "
                     f"another: the runs drew different networks (same --seed?)")
        values.setdefault(k, []).append(r[field])
    return {k: statistics.mean(v) for k, v in values.items()}, parameters


def rank_against_finals(short_paths, final_paths):
    """A short measure (the mean validation loss over the short files' runs) against the mean
    final test accuracy over the final files' runs, paired by network index: the lever runs of
    Documentation/NAS.md (another trial seed, more epochs, a larger validation share, the mean
    of several trials) each against the same finals, free of a shared seed when the seeds differ."""
    short, short_parameters = by_network(read_rows(short_paths), "validationLoss")
    final, final_parameters = by_network(read_rows(final_paths), "finalTestAccuracy")
    both = sorted(set(short) & set(final))
    if len(both) < 4:
        sys.exit(f"need at least 4 networks with both a short and a final measure, got {len(both)}")
    require_same_draws(both, short_parameters, final_parameters, ("in the short files", "in the final ones"))
    finals = [final[k] for k in both]
    pairs = {"validationLoss": ([-short[k] for k in both], finals),
             "parameters": ([short_parameters[k] for k in both], finals)}
    summary = {"kind": "nas-proxy-fidelity-against-finals", "networks": len(both), "spearman": correlations(pairs)}
    print(json.dumps(summary))
    print(f"{len(both)} networks, short measure from {len(short_paths)} file(s), "
          f"final from {len(final_paths)} file(s)", file=sys.stderr)
    for name, s in summary["spearman"].items():
        print(f"  Spearman with mean final test: {name:15s} {s['rho']:+.2f} (p = {s['permutationP']:.4f})",
              file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--summarize", nargs="+", metavar="FILE", help="summarize measured lines instead")
    parser.add_argument("--binary", help="the automl binary (default: AUTOML_BIN, then the client's search)")
    parser.add_argument("--space", default='{"kind": "nasnet", "channels": 16, "reductions": 1}')
    parser.add_argument("--networks", type=int, default=40)
    parser.add_argument("--epochs", type=int, default=10, help="the trial training (bench nas --epochs)")
    parser.add_argument("--final-epochs", type=int, default=80,
                        help="the long training; 0 for a short-only run (rank it with --finals)")
    parser.add_argument("--validation-fraction", type=float, default=0.2)
    parser.add_argument("--learning-rate", type=float, default=RECIPE["learningRate"],
                        help="one-cycle peak of both trainings (bench nas --learning-rate)")
    parser.add_argument("--max-parameters", type=int, default=63434)
    parser.add_argument("--seed", type=int, default=1000, help="draws seed, and the default of the two below")
    parser.add_argument("--trial-seed", type=int, help="split and training seed of the short training")
    parser.add_argument("--final-seed", type=int, help="training seed of the long training")
    parser.add_argument("--against", nargs="+", metavar="FILE",
                        help="with --summarize: a second run of the same draws, to pair network by network")
    parser.add_argument("--finals", nargs="+", metavar="FILE",
                        help="with --summarize: rank the summarized runs' mean short validation loss "
                             "against these runs' mean final test accuracy, network by network")
    parser.add_argument("--worker", type=int, default=0)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    args.trial_seed = args.seed if args.trial_seed is None else args.trial_seed
    args.final_seed = args.seed if args.final_seed is None else args.final_seed
    if (args.against or args.finals) and not args.summarize:
        parser.error("--against and --finals need --summarize")
    if args.against and args.finals:
        parser.error("--against and --finals are two different summaries: give one")
    if args.final_epochs < 0:
        parser.error("--final-epochs must be 0 (a short-only run) or more")
    if args.summarize and args.finals:
        rank_against_finals(args.summarize, args.finals)
    elif args.summarize and args.against:
        compare(args.summarize, args.against)
    elif args.summarize:
        summarize(args.summarize)
    else:
        if not 0 <= args.worker < args.workers:
            parser.error("--worker must be in 0 ..< --workers")
        measure(args)


if __name__ == "__main__":
    main()
