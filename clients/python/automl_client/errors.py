"""Exceptions raised by the client: one class per JSON-RPC / engine error code."""

from typing import Any, Dict, Optional, Type


class AutoMLError(Exception):
    """An error the engine answered: ``code``, ``message`` and optional ``data``."""

    code: int = 0

    def __init__(self, code: int, message: str, data: Any = None):
        super().__init__(f"{message} (error {code})")
        self.code = code
        self.message = message
        self.data = data


class ParseError(AutoMLError):
    """-32700: the engine could not read a message (bad JSON or framing)."""


class InvalidRequest(AutoMLError):
    """-32600: not a JSON-RPC request, or a request after shutdown."""


class MethodNotFound(AutoMLError):
    """-32601: the engine has no such method."""


class InvalidParams(AutoMLError):
    """-32602: a field of the params is wrong; ``path`` names it, ``reason`` says why."""

    @property
    def path(self) -> Optional[str]:
        return self.data.get("path") if isinstance(self.data, dict) else None

    @property
    def reason(self) -> Optional[str]:
        return self.data.get("reason") if isinstance(self.data, dict) else None


class InternalError(AutoMLError):
    """-32603: a bug in the engine."""


class ServerNotInitialized(AutoMLError):
    """-32002: a Content-Length client sent a request before ``initialize``."""


class RequestCancelled(AutoMLError):
    """-32800: the request was cancelled."""


class UnknownSession(AutoMLError):
    """1000: no session with that id."""


class UnknownTrial(AutoMLError):
    """1001: the session has no trial with that id."""


class TrialFinished(AutoMLError):
    """1002: the trial is not pending (told twice, abandoned, or still queued)."""


class SessionClosed(AutoMLError):
    """1003: the session is closed; ``Engine.open_session`` reopens it."""


class CannotServe(AutoMLError):
    """1004: the strategy cannot serve this space or these objectives."""


class UnknownStrategy(AutoMLError):
    """1005: no strategy of that name."""


class JournalCorrupt(AutoMLError):
    """1006: the session's journal on disk is corrupt."""


class StorageError(AutoMLError):
    """1007: writing the journal failed; nothing was changed."""


class SessionExists(AutoMLError):
    """1008: a session with that id already exists."""


class ReplayDiverged(AutoMLError):
    """1009: replaying the journal gave different suggestions than recorded."""


class EngineDied(AutoMLError):
    """The engine process exited (or its pipes broke) before answering."""

    def __init__(self, message: str, returncode: Optional[int] = None):
        super().__init__(-1, message, {"returncode": returncode})
        self.returncode = returncode


class TrialPruned(Exception):
    """Raise from an objective function to stop a trial early; ``Session.optimize`` tells it pruned."""


ERRORS_BY_CODE: Dict[int, Type[AutoMLError]] = {
    -32700: ParseError,
    -32600: InvalidRequest,
    -32601: MethodNotFound,
    -32602: InvalidParams,
    -32603: InternalError,
    -32002: ServerNotInitialized,
    -32800: RequestCancelled,
    1000: UnknownSession,
    1001: UnknownTrial,
    1002: TrialFinished,
    1003: SessionClosed,
    1004: CannotServe,
    1005: UnknownStrategy,
    1006: JournalCorrupt,
    1007: StorageError,
    1008: SessionExists,
    1009: ReplayDiverged,
}


def error_from_object(error: Dict[str, Any]) -> AutoMLError:
    """The typed exception for a JSON-RPC error object."""
    code = error.get("code")
    cls = ERRORS_BY_CODE.get(code, AutoMLError) if isinstance(code, int) else AutoMLError
    return cls(code if isinstance(code, int) else 0, str(error.get("message", "")), error.get("data"))
