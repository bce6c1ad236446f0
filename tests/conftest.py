"""Shared fixtures: the repository's site built once, and throwaway copies of the project."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "content", "data", "overrides", "scripts")


ENGINES = ("mkdocs", "properdocs", "zensical")


def mkdocs_build(
    project: Path, site_dir: Path, engine: str = "mkdocs", **env: str
) -> subprocess.CompletedProcess:
    """What `make site` runs: the generator writes `project`/build/, then `engine` builds
    build/mkdocs.yml, strictly, into `site_dir`. The first step that fails is returned."""
    run_env = {**os.environ, "PYTHONPATH": str(project), "NO_MKDOCS_2_WARNING": "1", **env}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", *args],
            cwd=project,
            env=run_env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    generated = run("scripts.cli", "generate")
    if generated.returncode != 0:
        return generated
    config = str(project / "build" / "mkdocs.yml")
    if engine != "zensical":
        return run(engine, "build", "--strict", "-f", config, "-d", str(site_dir))
    # Zensical builds only into the folder its configuration names (build/site).
    built = run("zensical", "build", "--strict", "-f", config)
    if built.returncode == 0:
        shutil.rmtree(site_dir, ignore_errors=True)
        shutil.copytree(project / "build" / "site", site_dir)
    return built


def hook_build(project: Path, site_dir: Path, **env: str) -> subprocess.CompletedProcess:
    """`mkdocs build` of the repository's own mkdocs.yml, whose hook runs the generator: the
    one-command path that `make serve` takes."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(project), "NO_MKDOCS_2_WARNING": "1", **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / part)
    return dest


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
