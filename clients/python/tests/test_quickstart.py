"""The README's example runs as written."""

import os
import runpy
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "quickstart.py"


def test_quickstart_runs_and_checks_every_config(binary, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("AUTOML_BIN", binary)
    monkeypatch.setenv("AUTOML_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(sys, "argv", [str(EXAMPLE)])
    runpy.run_path(str(EXAMPLE), run_name="__main__")
    out = capsys.readouterr().out
    assert "1000 trials" in out
    assert os.listdir(tmp_path / "sessions")
