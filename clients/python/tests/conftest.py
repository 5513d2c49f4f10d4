"""Fixtures: the real ``automl`` binary, a fresh data directory per test, and a running engine."""

import pytest

from automl_client import Engine, find_binary

SPACE = {
    "params": [
        {"name": "optimizer", "type": "categorical", "choices": ["sgd", "adam"]},
        {"name": "lr", "type": "float", "low": 1e-5, "high": 1e-1, "log": True},
        {"name": "momentum", "type": "float", "low": 0.0, "high": 0.99, "when": {"optimizer": ["sgd"]}},
        {"name": "layers", "type": "int", "low": 1, "high": 4},
        {"name": "x", "type": "float", "low": -5.0, "high": 5.0},
    ]
}


@pytest.fixture(scope="session")
def binary():
    try:
        return find_binary()
    except FileNotFoundError as error:
        pytest.skip(str(error))


@pytest.fixture(params=["line", "content-length"])
def framing(request):
    return request.param


@pytest.fixture
def engine(binary, tmp_path, framing):
    with Engine(binary=binary, data_dir=tmp_path / "data", framing=framing, args=("--durability", "none")) as running:
        yield running


@pytest.fixture
def space():
    return SPACE
