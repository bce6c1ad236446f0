"""The contributor's path: code owners, CI workflow and pre-commit hooks stay in step with the repo."""

import re
import shlex
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "ci.yml"


def workflow() -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1); GitHub reads it as "on".
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def test_every_area_file_has_a_code_owner_line():
    owned = {
        line.split()[0]
        for line in (ROOT / ".github" / "CODEOWNERS").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    for area in sorted((ROOT / "data" / "areas").glob("*.yml")):
        assert f"/data/areas/{area.name}" in owned, f"{area.name} has no line in CODEOWNERS"


def git_attributes(path: str) -> dict[str, str]:
    shown = subprocess.run(
        ["git", "-C", str(ROOT), "check-attr", "-a", "--", path],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return dict(line.split(": ")[1:] for line in shown.splitlines())


def test_text_is_kept_with_lf_endings_and_binaries_are_never_converted():
    for text in ("data/areas/meetings.yml", "content/index.md", "scripts/cli.py", "Makefile"):
        assert git_attributes(text)["eol"] == "lf", text
    for binary in ("site/a.pdf", "previews/a.png", "fonts/a.woff2", "fonts/a.ttf"):
        assert git_attributes(binary)["binary"] == "set", binary
    stored = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "--eol"], capture_output=True, text=True, check=True
    ).stdout
    assert stored and "i/crlf" not in stored and "i/mixed" not in stored


def test_actions_are_pinned_to_exact_releases():
    uses = re.findall(r"uses:\s*(\S+)", WORKFLOW.read_text(encoding="utf-8"))
    assert uses
    for action in uses:
        assert re.fullmatch(r"[\w-]+/[\w-]+@(v\d+\.\d+\.\d+|[0-9a-f]{40})", action), action


def test_only_the_deploy_job_can_write():
    flow = workflow()
    assert flow["permissions"] == {"contents": "read"}
    jobs = flow["jobs"]
    assert "permissions" not in jobs["check"]
    assert jobs["deploy"]["permissions"] == {
        "actions": "read",
        "pages": "write",
        "id-token": "write",
    }
    assert "pull_request" in jobs["deploy"]["if"] and jobs["deploy"]["needs"] == "check"
    assert "pull_request_target" not in flow[True]  # would run fork code with a write token


def test_ci_calls_make_targets_that_exist():
    targets = set(re.findall(r"^([a-z-]+):", (ROOT / "Makefile").read_text(), re.M))
    runs = [s["run"] for s in workflow()["jobs"]["check"]["steps"] if "run" in s]
    called = [re.search(r"\bmake\b(?: -\S+)* (\S+)", run).group(1) for run in runs if "make" in run]
    assert called == ["validate", "site", "diff", "test"]
    assert set(called) <= targets


def test_the_lock_names_no_local_package_location():
    # pip-compile copies the machine's index settings into the lock unless told not to;
    # elsewhere pip then warns once per package that the location is ignored.
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    options = [line for line in lock.splitlines() if line.startswith("-")]
    assert options == [], options
    assert "file:" not in lock and "/opt/" not in lock


def test_pages_get_the_site_and_reviewers_the_preview():
    steps = workflow()["jobs"]["check"]["steps"]
    uploads = {s["uses"].split("@")[0]: s for s in steps if "upload" in s.get("uses", "")}
    assert uploads["actions/upload-artifact"]["with"]["path"] == "site/"
    assert uploads["actions/upload-pages-artifact"]["with"]["path"] == "site/"
    assert "pull_request" in uploads["actions/upload-pages-artifact"]["if"]
    diff_step = next(s for s in steps if "diff" in s.get("run", ""))
    assert '>> "$GITHUB_STEP_SUMMARY"' in diff_step["run"]


HOOKS = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"]


@pytest.mark.parametrize("hook", HOOKS, ids=lambda h: h["id"])
def test_each_pre_commit_hook_runs_from_the_venv(hook, tmp_path: Path):
    command = shlex.split(hook["entry"])
    if hook.get("pass_filenames", True):  # a linter: passes a clean file, fails a bad one
        suffix = ".py" if "python" in hook.get("types", []) else ".yml"
        good, bad = tmp_path / f"good{suffix}", tmp_path / f"bad{suffix}"
        good.write_text("x = 1\n" if suffix == ".py" else "key: value\n")
        bad.write_text("import os\n" if suffix == ".py" else "key: value\nkey: again\n")
        assert subprocess.run([*command, str(good)], cwd=ROOT).returncode == 0
        assert subprocess.run([*command, str(bad)], cwd=ROOT, capture_output=True).returncode
    else:
        assert subprocess.run(command, cwd=ROOT, capture_output=True).returncode == 0
