#!/usr/bin/env python3
"""Side-by-side table of counting-ones regret from `automl bench multifidelity` and
benchmarks/multifidelity_baselines.py (JSON lines on stdin).

Cells are the median regret [q25, q75] at k times the maximum budget; the last column, when
`automl bench multifidelity` measured it, is the share of the budget spent below a tenth of the
maximum budget during the first 10x."""
import json
import sys

rows = [json.loads(line) for line in sys.stdin if line.startswith("{") and '"multifidelity"' in line]
multiples = sorted({int(k[2:-1]) for r in rows for k in r if k.startswith("at") and k.endswith("x")})
share = any("smallBudgetShare" in r for r in rows)
header = [f"{m}x max budget" for m in multiples] + (["budget < max/10 in first 10x"] if share else [])
print("| method | " + " | ".join(header) + " |")
print("|---" * (len(header) + 1) + "|")
for r in rows:
    cells = []
    for m in multiples:
        q = r.get(f"at{m}x")
        cells.append(f"{q['median']:.3g} [{q['q25']:.3g}, {q['q75']:.3g}]" if q else "-")
    if share:
        cells.append(f"{r['smallBudgetShare']:.2f}" if "smallBudgetShare" in r else "-")
    print(f"| {r['strategy']} | " + " | ".join(cells) + " |")
