#!/usr/bin/env python3
"""Asks + tells per second from Python through the pipe, and the daemon's peak memory.

For each trial count (default 1,000 and 100,000) and durability (none, always), one random-search
session runs ask/tell sequentially through `automl_client` (clients/python). Reports trials per
second overall and over the first and last 10% of the run (a rate that drops with the session's
size shows work that grows with history), and the daemon's peak RSS (VmHWM of /proc/PID/status)
just before it exits. JSON lines on stdout, a table on stderr.

    scripts/bench-session.py [--binary PATH] [--trials 1000,100000] [--durability none,always]
"""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "clients" / "python"))

from automl_client import Engine  # noqa: E402

SPACE = {"params": [
    {"name": "optimizer", "type": "categorical", "choices": ["sgd", "adam"]},
    {"name": "lr", "type": "float", "low": 1e-5, "high": 1e-1, "log": True},
    {"name": "momentum", "type": "float", "low": 0.0, "high": 0.99, "when": {"optimizer": ["sgd"]}},
    {"name": "layers", "type": "int", "low": 1, "high": 8},
    {"name": "x", "type": "float", "low": -5.0, "high": 5.0},
]}


def default_binary():
    if os.environ.get("AUTOML_BIN"):
        return os.environ["AUTOML_BIN"]
    for candidate in (ROOT / ".build/release/automl", ROOT / ".build-clients-release/release/automl", ROOT / ".build/debug/automl"):
        if candidate.exists():
            return str(candidate)
    sys.exit("bench-session: no automl binary; set AUTOML_BIN or build one")


def peak_rss_kib(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def run(binary, trials, durability):
    with tempfile.TemporaryDirectory() as data_dir:
        engine = Engine(binary=binary, data_dir=data_dir, args=("--durability", durability))
        session = engine.create_session(SPACE, seed=1)
        window = max(1, trials // 10)
        marks = []
        start = time.perf_counter()
        for i in range(trials):
            if i % window == 0:
                marks.append(time.perf_counter())
            (trial,) = session.ask()
            session.tell(trial, (trial.config["x"] - 1.0) ** 2)
        seconds = time.perf_counter() - start
        marks.append(time.perf_counter())
        status = session.status()
        assert status["counts"]["complete"] == trials, status
        peak = peak_rss_kib(engine.process.pid)
        journal = sum(f.stat().st_size for f in Path(data_dir, "sessions").glob("*.jsonl"))
        engine.close()
    first = window / (marks[1] - marks[0])
    last = window / (marks[-1] - marks[-2])
    return {"bench": "session", "strategy": "random", "trials": trials, "durability": durability,
            "seconds": round(seconds, 3), "trialsPerSecond": round(trials / seconds, 1),
            "callsPerSecond": round(2 * trials / seconds, 1),
            "firstTenthTrialsPerSecond": round(first, 1), "lastTenthTrialsPerSecond": round(last, 1),
            "peakRSSKiB": peak, "journalBytes": journal, "binary": binary}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=None)
    parser.add_argument("--trials", default="1000,100000")
    parser.add_argument("--durability", default="none,always")
    args = parser.parse_args()
    binary = args.binary or default_binary()
    rows = []
    for trials in (int(t) for t in args.trials.split(",")):
        for durability in args.durability.split(","):
            row = run(binary, trials, durability)
            print(json.dumps(row), flush=True)
            rows.append(row)
    print(f"\nrandom search, sequential ask + tell from Python, {binary}", file=sys.stderr)
    print(f"{'trials':>8} {'durability':<11}{'seconds':>9}{'trials/s':>10}{'first 10%':>11}{'last 10%':>10}{'peak RSS':>11}",
          file=sys.stderr)
    for r in rows:
        rss = f"{r['peakRSSKiB'] / 1024:.1f} MiB" if r["peakRSSKiB"] else "?"
        print(f"{r['trials']:>8} {r['durability']:<11}{r['seconds']:>9.2f}{r['trialsPerSecond']:>10,.0f}"
              f"{r['firstTenthTrialsPerSecond']:>11,.0f}{r['lastTenthTrialsPerSecond']:>10,.0f}{rss:>11}", file=sys.stderr)


if __name__ == "__main__":
    main()
