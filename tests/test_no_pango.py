"""A machine without Pango (a fresh Mac, Windows, a slim container): WeasyPrint's import
fails with an OSError there, and every command that makes a PDF says what to install."""

import os
import subprocess
import sys
from pathlib import Path

from scripts.render.urls import PDF_FILES
from tests.conftest import ROOT, hook_build, mkdocs_build


def cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scripts.cli", *args],
        cwd=ROOT,
        env={**os.environ, **without_pango(ROOT, tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_make_pdf_fails_with_the_install_line_not_a_traceback(tmp_path: Path):
    out = tmp_path / "out"
    result = cli(tmp_path, "pdf", "--out", str(out))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "PDFs not built: WeasyPrint cannot load Pango" in result.stderr
    for command in ("brew install pango", "sudo apt-get install", "sudo dnf install pango"):
        assert command in result.stderr
    assert not out.exists() or list(out.iterdir()) == []


def test_validate_needs_no_pango(tmp_path: Path):
    result = cli(tmp_path, "validate")
    assert result.returncode == 0, result.stderr


SITECUSTOMIZE = """
import builtins
real = builtins.__import__
def without_pango(name, *args, **kwargs):
    if name == "weasyprint" or name.startswith("weasyprint."):
        raise OSError("cannot load library 'libpango-1.0-0': cannot open shared object file")
    return real(name, *args, **kwargs)
builtins.__import__ = without_pango
"""


def without_pango(project: Path, tmp_path: Path) -> dict[str, str]:
    """Environment in which every Python process, PDF workers included, lacks Pango."""
    (tmp_path / "nopango").mkdir()
    (tmp_path / "nopango" / "sitecustomize.py").write_text(SITECUSTOMIZE)
    return {"PYTHONPATH": f"{project}:{tmp_path / 'nopango'}"}


def test_serving_shows_every_page_and_each_pdf_says_why_it_is_missing(
    project: Path, tmp_path: Path
):
    from pypdf import PdfReader

    site = tmp_path / "site"
    result = hook_build(project, site, **without_pango(project, tmp_path))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.count("PDFs not built: WeasyPrint cannot load Pango") == 1
    assert (site / "matrix" / "index.html").is_file()
    for name in PDF_FILES.values():
        text = " ".join(PdfReader(site / name).pages[0].extract_text().split())
        assert "not built on this machine" in text and "brew install pango" in text


def test_make_site_which_publishes_stops_with_the_same_line(project: Path, tmp_path: Path):
    result = mkdocs_build(project, tmp_path / "site", **without_pango(project, tmp_path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "PDFs not built: WeasyPrint cannot load Pango" in result.stderr
    assert not (project / "build" / "docs").exists()
