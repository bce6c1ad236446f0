"""A copy of the project, and the build `make site` runs, for the tests and the benchmark."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROJECT_PARTS = ("mkdocs.yml", "content", "data", "overrides", "scripts")
ENGINES = ("mkdocs", "properdocs", "zensical")


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / part)
    return dest


def _env(project: Path, **env: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(project), "NO_MKDOCS_2_WARNING": "1", **env}


def _run(project: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    """`python -m <args>` in `project`, its output kept for the caller to read."""
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def mkdocs_build(
    project: Path, site_dir: Path, engine: str = "mkdocs", **env: str
) -> subprocess.CompletedProcess:
    """What `make site` runs: the generator writes `project`/build/, then `engine` (MkDocs
    unless it says another) builds build/mkdocs.yml, strictly, into `site_dir`. The first
    step that fails is returned."""
    run_env = _env(project, **env)
    generated = _run(project, run_env, "scripts.cli", "generate")
    if generated.returncode != 0:
        return generated
    config = str(project / "build" / "mkdocs.yml")
    if engine != "zensical":
        return _run(
            project, run_env, engine, "build", "--strict", "-f", config, "-d", str(site_dir)
        )
    # Zensical builds only into the folder its configuration names (build/site).
    built = _run(project, run_env, "zensical", "build", "--strict", "-f", config)
    if built.returncode == 0:
        shutil.rmtree(site_dir, ignore_errors=True)
        shutil.copytree(project / "build" / "site", site_dir)
    return built


def _serve_generate(project: Path, env: dict[str, str], language: str):
    """The generator as `make serve` first runs it: serve.yml then builds `language` alone."""
    args = ("scripts.cli", "generate", "--pdf-optional", "--language", language)
    return _run(project, env, *args)


def hook_build(
    project: Path, site_dir: Path, language: str = "en", **env: str
) -> subprocess.CompletedProcess:
    """A build the way `make serve` rebuilds: `mkdocs build -f build/serve.yml`, whose hook
    runs the generator again before MkDocs renders the tree."""
    run_env = _env(project, **env)
    if not (project / "build" / "serve.yml").is_file():
        _serve_generate(project, run_env, language)
    config = str(project / "build" / "serve.yml")
    return _run(project, run_env, "mkdocs", "build", "--strict", "-f", config, "-d", str(site_dir))


def serve(project: Path, port: int) -> subprocess.Popen:
    """What `make serve` starts: the generator once, then `mkdocs serve -f build/serve.yml`
    on 127.0.0.1:`port`, which regenerates on every save. The caller stops it."""
    env = _env(project)
    _serve_generate(project, env, "en").check_returncode()
    config = str(project / "build" / "serve.yml")
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", config, "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
