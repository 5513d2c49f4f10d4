#!/usr/bin/env python3
"""Checks that every README code block marked `<!-- snippet: PATH -->` is exactly the file PATH.

The README's loops are the code the tests run: clients/python/examples/quickstart.py is run by
the Python client's tests, clients/shell/ask_tell.sh by clients/shell/test.sh.
"""
import pathlib
import re
import sys

root = pathlib.Path(__file__).resolve().parent.parent
readme = (root / "README.md").read_text()
pattern = re.compile(r"<!-- snippet: (\S+) -->\s*```[a-z]*\n(.*?)```", re.S)
failures = 0
matches = pattern.findall(readme)
for path, block in matches:
    actual = (root / path).read_text()
    if block.strip() != actual.strip():
        failures += 1
        print(f"README block for {path} differs from the file: copy the file into the README", file=sys.stderr)
if not matches:
    failures += 1
    print("README has no snippet blocks", file=sys.stderr)
print(f"{len(matches) - failures if matches else 0} passed, {failures} failed")
sys.exit(1 if failures else 0)
