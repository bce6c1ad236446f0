"""A machine without Pango (a fresh Mac, Windows, a slim container): WeasyPrint's import
fails with an OSError there, and every command that makes a PDF says what to install."""

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

# What cffi raises when the library is missing, injected before anything imports WeasyPrint.
NO_PANGO = """
import builtins, runpy, sys
real = builtins.__import__
def without_pango(name, *args, **kwargs):
    if name == "weasyprint" or name.startswith("weasyprint."):
        raise OSError("cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file: No such file or directory")
    return real(name, *args, **kwargs)
builtins.__import__ = without_pango
sys.argv = ["scripts.cli", *sys.argv[1:]]
runpy.run_module("scripts.cli", run_name="__main__")
"""


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", NO_PANGO, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_make_pdf_fails_with_the_install_line_not_a_traceback(tmp_path: Path):
    result = cli("pdf", "--out", str(tmp_path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "PDFs not built: WeasyPrint cannot load Pango" in result.stderr
    for command in ("brew install pango", "sudo apt-get install", "sudo dnf install pango"):
        assert command in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_validate_needs_no_pango():
    result = cli("validate")
    assert result.returncode == 0, result.stderr
