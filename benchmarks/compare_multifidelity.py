#!/usr/bin/env python3
"""Side-by-side table of counting-ones regret from `automl bench multifidelity` and
benchmarks/multifidelity_baselines.py (JSON lines on stdin)."""
import json
import sys

rows = [json.loads(line) for line in sys.stdin if line.startswith("{") and '"multifidelity"' in line]
multiples = sorted({int(k[2:-1]) for r in rows for k in r if k.startswith("at")})
print("| method | " + " | ".join(f"{m}x max budget" for m in multiples) + " |")
print("|---" * (len(multiples) + 1) + "|")
for r in rows:
    cells = [f"{r[f'at{m}x']['median']:.3g} [{r[f'at{m}x']['q25']:.3g}, {r[f'at{m}x']['q75']:.3g}]" for m in multiples]
    print(f"| {r['strategy']} | " + " | ".join(cells) + " |")
