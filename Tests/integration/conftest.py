"""Fixtures for the integration tests: the real binary and raw daemons that are always reaped."""

import os
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from rawdaemon import RawDaemon  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
OPENRPC = ROOT / "schemas" / "openrpc.json"


def _binary():
    explicit = os.environ.get("AUTOML_BIN")
    if explicit:
        return explicit
    for kind in ("debug", "release"):
        candidate = ROOT / ".build" / kind / "automl"
        if candidate.exists():
            return str(candidate)
    return shutil.which("automl")


@pytest.fixture(scope="session")
def binary():
    found = _binary()
    if not found:
        pytest.skip("automl binary not found: set AUTOML_BIN or run swift build")
    return found


@pytest.fixture
def spawn(binary, tmp_path):
    """``spawn(*args)`` starts a daemon on a fresh data dir; every one is killed at teardown."""
    started = []

    def start(*args, data_dir=None):
        daemon = RawDaemon(binary, data_dir or tmp_path / f"data{len(started)}", args)
        started.append(daemon)
        return daemon

    yield start
    for daemon in started:
        daemon.kill()


@pytest.fixture
def daemon(spawn):
    return spawn()


SPACE = {"params": [
    {"name": "optimizer", "type": "categorical", "choices": ["sgd", "adam"]},
    {"name": "lr", "type": "float", "low": 1e-5, "high": 1e-1, "log": True},
    {"name": "momentum", "type": "float", "low": 0, "high": 0.99, "when": {"optimizer": ["sgd"]}},
    {"name": "layers", "type": "int", "low": 1, "high": 4},
]}


@pytest.fixture
def space():
    return SPACE
