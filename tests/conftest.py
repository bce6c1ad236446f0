"""Shared fixtures: the repository's site built once, and throwaway copies of the project."""

import shutil
from pathlib import Path

import pytest

# The build helpers live with the tooling, which the benchmark shares.
from scripts.tooling.project import ENGINES, ROOT, copy_project, hook_build, mkdocs_build

__all__ = ["ENGINES", "ROOT", "copy_project", "hook_build", "mkdocs_build"]


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from the repository as it is, shared by every test that only reads it."""
    site_dir = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site_dir)
    assert result.returncode == 0, result.stderr
    return site_dir


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project that a test may change and build."""
    return copy_project(tmp_path / "project")


# --- Frozen model data for the core tests ----------------------------------------------------
# The core tests read tests/fixtures/data/, never data/: a content release rewords data/ and
# bumps its version, and must not break a test that expects particular words or lines.

FIXTURE_DATA = ROOT / "tests" / "fixtures" / "data"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the fixture data that a test may break."""
    return Path(shutil.copytree(FIXTURE_DATA, tmp_path / "data"))


@pytest.fixture
def fixture_project(project: Path) -> Path:
    """A copy of the project whose model is the fixture data, for builds that expect its text.

    data/schemas/ stays: the fixture data is checked against the project's own schemas."""
    for part in FIXTURE_DATA.iterdir():
        target = project / "data" / part.name
        if part.is_dir():
            shutil.rmtree(target)
            shutil.copytree(part, target)
        else:
            shutil.copy2(part, target)
    return project


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in the file; fails if it is not there, so a test cannot pass
    by editing nothing."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str, after: str | None = None) -> int:
    """1-based line of the first line containing `needle` (after the line containing `after`)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i for i, line in enumerate(lines) if i >= start and needle in line) + 1
