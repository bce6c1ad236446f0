"""A content release (cells reworded, practices reordered, version bumped, changelog entry
added) leaves the core tests green: they read their own fixture data, not data/."""

import datetime
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from scripts.source.load import load_model
from scripts.tooling import diff
from tests.conftest import ROOT, copy_project

CORE_TESTS = (
    "tests/test_load.py",
    "tests/test_changelog.py",
    "tests/test_diff.py",
    "tests/test_guide.py",
    "tests/test_export.py",
    "tests/test_render.py",
    "tests/test_pdf.py",
)
# It runs `make diff` in the real repository, whose git history a copy does not have.
NEEDS_GIT = "tests/test_diff.py::test_make_diff_prints_markdown_only"


def _reword(text: str) -> str:
    words = text.split()
    return " ".join(["Today:", *words[:-1], words[-1].rstrip(".") + ", as a rule."])


def _reword_items(items: list) -> list:
    """Reworded and in reverse order; an item is its text, or a mapping with a `text`."""
    reworded = [
        {**item, "text": _reword(item["text"])} if isinstance(item, dict) else _reword(item)
        for item in items
    ]
    return reworded[::-1]


def release(data: Path) -> str:
    """Edit `data` as a minor content release does; returns the new version."""
    model_file = data / "model.yml"
    model = yaml.safe_load(model_file.read_text(encoding="utf-8"))
    major, minor, _ = (int(part) for part in model["version"].split("."))
    model["version"] = f"{major}.{minor + 1}.0"
    model_file.write_text(yaml.safe_dump(model, sort_keys=False, width=100), encoding="utf-8")

    changes = []
    for area_file in sorted((data / "areas").glob("*.yml")):
        area = yaml.safe_load(area_file.read_text(encoding="utf-8"))
        area["why"] = _reword(area["why"])
        for level, cell in area["levels"].items():
            summary = cell["summary"].split()
            cell["summary"] = " ".join(["Today:", *summary[:44]])  # stays within 45 words
            cell["practices"] = _reword_items(cell["practices"])
            if "next_steps" in cell:
                cell["next_steps"] = _reword_items(cell["next_steps"])
            changes.append({"area": area["id"], "level": level, "note": "Reworded."})
        area_file.write_text(yaml.safe_dump(area, sort_keys=False, width=100), encoding="utf-8")

    changelog_file = data / "changelog.yml"
    changelog = yaml.safe_load(changelog_file.read_text(encoding="utf-8"))
    newest = max(datetime.date.fromisoformat(str(r["date"])) for r in changelog["releases"])
    entry = {
        "version": model["version"],
        "date": (newest + datetime.timedelta(days=1)).isoformat(),
        "summary": "Every cell reworded.",
        "changes": changes,
    }
    changelog["releases"].insert(0, entry)
    changelog_file.write_text(yaml.safe_dump(changelog, sort_keys=False), encoding="utf-8")
    return model["version"]


def test_the_core_tests_pass_after_a_content_release(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    shutil.copytree(ROOT / "tests", project / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "pyproject.toml", project / "pyproject.toml")
    before = (project / "data" / "model.yml").read_text(encoding="utf-8")
    version = release(project / "data")
    assert version not in before

    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--deselect", NEEDS_GIT]
        + list(CORE_TESTS),
        cwd=project,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "failed" not in result.stdout


def test_a_release_keeps_every_id_on_its_reworded_or_moved_item(data: Path):
    before = load_model(data)
    release(data)
    after = load_model(data)
    assert {change.kind for change in diff.compare(before, after)} == {"reworded", "moved"}
    for old_area, new_area in zip(before.areas, after.areas, strict=True):
        for old, new in zip(old_area.cells, new_area.cells, strict=True):
            for item in (*old.practices, *old.next_steps):
                items = {i.id: i for i in (*new.practices, *new.next_steps)}
                assert items[item.id].text == _reword(item.text)
            assert [p.id for p in new.practices] == [p.id for p in old.practices][::-1]
