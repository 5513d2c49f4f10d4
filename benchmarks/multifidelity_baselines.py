#!/usr/bin/env python3
"""DEHB, HpBandSter's BOHB and Optuna's TPE + HyperbandPruner on counting ones, the problem of
`automl bench multifidelity`, with the same budgets (9..729, eta 3), the same regret definition
and JSON lines of the same shape, so benchmarks/compare_multifidelity.py can put them side by side.

Regret: the noise-free value of the incumbent (best observed result at the highest budget
evaluated so far) minus the optimum -16, read when the budget spent first reaches k times the
maximum budget. Every evaluation is charged its full budget (the baselines restart), except
Optuna, whose pruned trials report one step per budget unit and are charged per increment.
Needs `pip install dehb hpbandster optuna` (benchmark dependencies, not test ones).
"""
import argparse
import json
import logging
import sys

import numpy as np

MIN_BUDGET, MAX_BUDGET, ETA = 9, 729, 3
N_CAT, N_CONT = 8, 8
OPTIMUM = -16.0


def expected(cats, xs):
    return -(sum(cats) + sum(xs))


def noisy(cats, xs, budget, rng):
    draws = max(1, int(round(budget)))
    return -(sum(cats) + sum(rng.binomial(draws, x) / draws for x in xs))


class Tracker:
    """Budget spent, incumbent at the highest budget, regret at each multiple."""

    def __init__(self, multiples):
        self.multiples = multiples
        self.spent = 0.0
        self.top_budget = -1.0
        self.incumbent = None  # (observed, expected)
        self.regret = {}

    def record(self, budget, charged, observed, noise_free):
        if budget > self.top_budget:
            self.top_budget, self.incumbent = budget, None
        if budget == self.top_budget and (self.incumbent is None or observed < self.incumbent[0]):
            self.incumbent = (observed, noise_free)
        before = self.spent
        self.spent += charged
        for k in self.multiples:
            if before < k * MAX_BUDGET <= self.spent and k not in self.regret:
                self.regret[k] = (self.incumbent[1] if self.incumbent else 0.0) - OPTIMUM

    def done(self):
        return self.spent >= max(self.multiples) * MAX_BUDGET


def run_dehb(seed, tracker):
    import ConfigSpace as CS
    from dehb import DEHB
    cs = CS.ConfigurationSpace(seed=seed)
    for i in range(N_CAT):
        cs.add(CS.CategoricalHyperparameter(f"c{i}", [0, 1]))
    for i in range(N_CONT):
        cs.add(CS.UniformFloatHyperparameter(f"x{i}", 0.0, 1.0))
    rng = np.random.default_rng(seed + 0x5EED)

    def objective(config, fidelity, **kwargs):
        cats = [int(config[f"c{i}"]) for i in range(N_CAT)]
        xs = [float(config[f"x{i}"]) for i in range(N_CONT)]
        value = noisy(cats, xs, fidelity, rng)
        tracker.record(fidelity, fidelity, value, expected(cats, xs))
        return {"fitness": value, "cost": fidelity}

    dehb = DEHB(f=objective, cs=cs, min_fidelity=MIN_BUDGET, max_fidelity=MAX_BUDGET, eta=ETA, n_workers=1,
                output_path=f"/tmp/dehb-counting-ones-{seed}", seed=seed, log_level="ERROR")
    while not tracker.done():
        job = dehb.ask()
        result = objective(job["config"], job["fidelity"])
        dehb.tell(job, result)


def run_hpbandster(seed, tracker):
    import ConfigSpace as CS
    import hpbandster.core.nameserver as hpns
    from hpbandster.core.worker import Worker
    from hpbandster.optimizers import BOHB
    import Pyro4
    # ConfigSpace 1.x hands out numpy scalars, which Pyro's default serializer refuses.
    Pyro4.config.SERIALIZER = "pickle"
    Pyro4.config.SERIALIZERS_ACCEPTED.add("pickle")
    logging.getLogger("hpbandster").setLevel(logging.ERROR)
    rng = np.random.default_rng(seed + 0x5EED)
    np.random.seed(seed)
    cs = CS.ConfigurationSpace(seed=seed)
    for i in range(N_CAT):
        cs.add(CS.CategoricalHyperparameter(f"c{i}", [0, 1]))
    for i in range(N_CONT):
        cs.add(CS.UniformFloatHyperparameter(f"x{i}", 0.0, 1.0))

    class CountingOnesWorker(Worker):
        def compute(self, config, budget, **kwargs):
            cats = [int(config[f"c{i}"]) for i in range(N_CAT)]
            xs = [float(config[f"x{i}"]) for i in range(N_CONT)]
            value = noisy(cats, xs, budget, rng)
            if not tracker.done():
                tracker.record(budget, budget, value, expected(cats, xs))
            return {"loss": value, "info": {}}

    run_id = f"counting-ones-{seed}"
    # A name server on a free loopback port, one worker, the optimizer.
    ns = hpns.NameServer(run_id=run_id, host="127.0.0.1", port=0)
    ns_host, ns_port = ns.start()
    worker = CountingOnesWorker(nameserver=ns_host, nameserver_port=ns_port, run_id=run_id)
    worker.run(background=True)
    bohb = BOHB(configspace=cs, run_id=run_id, nameserver=ns_host, nameserver_port=ns_port,
                min_budget=MIN_BUDGET, max_budget=MAX_BUDGET, eta=ETA)
    # Each Hyperband iteration spends about (s_max + 1) * max_budget; run until the tracker is done.
    iterations = 0
    while not tracker.done():
        iterations += 5
        bohb.run(n_iterations=iterations)
    bohb.shutdown(shutdown_workers=True)
    ns.shutdown()


def run_optuna(seed, tracker):
    import optuna
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    rng = np.random.default_rng(seed + 0x5EED)
    study = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=seed),
                                pruner=optuna.pruners.HyperbandPruner(min_resource=MIN_BUDGET, max_resource=MAX_BUDGET, reduction_factor=ETA))
    while not tracker.done():
        trial = study.ask()
        cats = [trial.suggest_categorical(f"c{i}", [0, 1]) for i in range(N_CAT)]
        xs = [trial.suggest_float(f"x{i}", 0.0, 1.0) for i in range(N_CONT)]
        budget, last, pruned = MIN_BUDGET, None, False
        charged_so_far = 0
        while budget <= MAX_BUDGET:
            value = noisy(cats, xs, budget, rng)
            tracker.record(budget, budget - charged_so_far, value, expected(cats, xs))
            charged_so_far, last = budget, value
            trial.report(value, budget)
            if trial.should_prune():
                pruned = True
                break
            budget *= ETA
        if pruned:
            study.tell(trial, state=optuna.trial.TrialState.PRUNED)
        else:
            study.tell(trial, last)


RUNNERS = {"dehb": run_dehb, "hpbandster-bohb": run_hpbandster, "optuna-tpe-hyperband": run_optuna}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--methods", default=",".join(RUNNERS))
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--multiples", default="5,10,20,50")
    args = parser.parse_args()
    multiples = [float(m) for m in args.multiples.split(",")]
    for method in args.methods.split(","):
        readings = {k: [] for k in multiples}
        for seed in range(args.seeds):
            tracker = Tracker(multiples)
            RUNNERS[method](seed, tracker)
            for k in multiples:
                readings[k].append(tracker.regret.get(k, float("nan")))
        row = {"kind": "multifidelity", "strategy": method, "problem": "counting-ones"}
        for k, values in readings.items():
            q = np.nanpercentile(values, [25, 50, 75])
            row[f"at{int(k)}x"] = {"median": float(q[1]), "q25": float(q[0]), "q75": float(q[2])}
        print(json.dumps(row), flush=True)
        print(f"{method}: median regret at 20x {row['at20x']['median']:.3g}", file=sys.stderr)


if __name__ == "__main__":
    main()
