"""Shared constants of the integration tests (a module of its own: test directories each have a
conftest.py, so tests must not import from `conftest`)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OPENRPC = ROOT / "schemas" / "openrpc.json"

SPACE = {"params": [
    {"name": "optimizer", "type": "categorical", "choices": ["sgd", "adam"]},
    {"name": "lr", "type": "float", "low": 1e-5, "high": 1e-1, "log": True},
    {"name": "momentum", "type": "float", "low": 0, "high": 0.99, "when": {"optimizer": ["sgd"]}},
    {"name": "layers", "type": "int", "low": 1, "high": 4},
]}
