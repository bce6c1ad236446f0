"""`make bench` still runs: one quick pass, so a change to the build cannot break it unseen."""

import subprocess
import sys

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
