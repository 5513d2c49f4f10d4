"""Finding the ``automl`` executable."""

import os
import shutil
from pathlib import Path
from typing import Iterable, List, Optional


def _build_candidates(start: Path) -> Iterable[Path]:
    """``.build/{release,debug}/automl`` in ``start`` and each of its parents."""
    for directory in [start, *start.parents]:
        found: List[Path] = [
            directory / ".build" / kind / "automl" for kind in ("release", "debug")
        ]
        existing = [p for p in found if p.is_file() and os.access(p, os.X_OK)]
        # When both exist, the one built last is the one the developer is working on.
        existing.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        yield from existing


def find_binary(explicit: Optional[str] = None) -> str:
    """The path of ``automl``: ``explicit``, else ``$AUTOML_BIN``, else ``automl`` on PATH, else a
    SwiftPM build folder (``.build/release/automl`` or ``.build/debug/automl``) found by walking
    up from the current directory and then from this package's own location.

    Raises FileNotFoundError naming every place it looked.
    """
    if explicit:
        return explicit
    env = os.environ.get("AUTOML_BIN")
    if env:
        return env
    on_path = shutil.which("automl")
    if on_path:
        return on_path
    for start in (Path.cwd(), Path(__file__).resolve().parent):
        for candidate in _build_candidates(start):
            return str(candidate)
    raise FileNotFoundError(
        "automl binary not found: set AUTOML_BIN, put automl on PATH, or run `swift build` "
        "in the swift-automl checkout (looked for .build/{release,debug}/automl upward from "
        f"{Path.cwd()} and {Path(__file__).resolve().parent})"
    )
