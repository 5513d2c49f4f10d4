"""Python client for swift-automl: drives ``automl serve`` (JSON-RPC 2.0 over stdio).

>>> from automl_client import Engine
>>> with Engine(data_dir="/tmp/automl") as engine:
...     session = engine.create_session(
...         {"params": [{"name": "x", "type": "float", "low": -5, "high": 5}]}, seed=1)
...     session.optimize(lambda trial: (trial.config["x"] - 1) ** 2, n_trials=50)
...     print(session.best().config)
"""

from .binary import find_binary
from .engine import Engine
from .errors import (
    AutoMLError,
    CannotServe,
    EngineDied,
    InternalError,
    InvalidParams,
    InvalidRequest,
    JournalCorrupt,
    MethodNotFound,
    ParseError,
    ReplayDiverged,
    RequestCancelled,
    ServerNotInitialized,
    SessionClosed,
    SessionExists,
    StorageError,
    TrialFinished,
    TrialPruned,
    UnknownSession,
    UnknownStrategy,
    UnknownTrial,
)
from .session import Session, Trial, TrialList

__version__ = "0.1.0"

__all__ = [
    "AutoMLError", "CannotServe", "Engine", "EngineDied", "InternalError", "InvalidParams", "InvalidRequest",
    "JournalCorrupt", "MethodNotFound", "ParseError", "ReplayDiverged", "RequestCancelled", "ServerNotInitialized",
    "Session", "SessionClosed", "SessionExists", "StorageError", "Trial", "TrialFinished", "TrialList",
    "TrialPruned", "UnknownSession", "UnknownStrategy", "UnknownTrial", "find_binary",
]
