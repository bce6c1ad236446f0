"""`make bench` still runs: one quick pass, so a change to the build cannot break it unseen."""

import subprocess
import sys
from pathlib import Path

import pytest

from scripts.source import i18n
from scripts.source.changelog import load_changelog
from scripts.source.load import load_model
from scripts.tooling.bench import synthetic
from scripts.tooling.project import copy_project
from tests.conftest import ROOT


def test_one_quick_run_prints_the_build_ratios_and_page_weights():
    result = subprocess.run(
        [sys.executable, "-m", "scripts.tooling.bench", "--runs", "1", "--skip", "serve,scale"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    table = result.stdout
    for row in ("make site, cold", "make site, warm", "plain Material"):
        assert row in table, table
    assert "matrix/ (this site)" in table


@pytest.mark.parametrize(("areas", "levels"), [(20, 4), (5, 6)])
def test_the_scale_rows_build_models_that_pass_the_checks(tmp_path: Path, areas, levels):
    """A synthetic model the checks refuse times a failure, not a build: since model 1.1
    (ids, next steps that lead to the level above, translations) it had to keep up."""
    project = copy_project(tmp_path / "project")
    synthetic(project, areas, levels)
    load_changelog(load_model(project / "data"), project / "data")  # raises on any problem
    for code in ("es", "de"):
        i18n.load_translation(load_model(project / "data"), project / "data", code)
