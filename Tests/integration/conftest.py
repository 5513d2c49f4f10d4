"""Fixtures for the integration tests: the real binary and raw daemons that are always reaped."""

import os
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from integration_support import ROOT, SPACE  # noqa: E402
from rawdaemon import RawDaemon  # noqa: E402


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


@pytest.fixture
def space():
    return SPACE
