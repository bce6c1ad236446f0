"""Files that passed their schema in the last build skip it; anything else is checked."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.changelog import load_changelog
from scripts.load import load_model
from scripts.problems import ModelError
from scripts.schema_memo import SchemaMemo
from tests.conftest import ROOT


@pytest.fixture
def data(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path / "data"


def build_load(data: Path, memo_file: Path) -> None:
    """What the build's on_config does."""
    memo = SchemaMemo(memo_file)
    load_changelog(load_model(data, memo), data, memo)
    memo.save()


def test_a_build_with_unchanged_files_does_not_import_jsonschema(data: Path, tmp_path: Path):
    memo_file = tmp_path / "memo.txt"
    build_load(data, memo_file)
    assert len(memo_file.read_text().split()) == len(list(data.rglob("*.yml")))

    probe = (
        "import sys; from pathlib import Path; from tests.test_schema_memo import build_load; "
        f"build_load(Path({str(data)!r}), Path({str(memo_file)!r})); "
        "print('jsonschema' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "False"


def test_a_changed_file_is_checked_again(data: Path, tmp_path: Path):
    memo_file = tmp_path / "memo.txt"
    build_load(data, memo_file)
    meetings = data / "areas" / "meetings.yml"
    meetings.write_text(meetings.read_text().replace("title: Meetings", "title: 7", 1))
    with pytest.raises(ModelError) as caught:
        build_load(data, memo_file)
    [problem] = caught.value.problems
    assert (problem.file, problem.where) == ("data/areas/meetings.yml", "title")


def test_the_memo_keeps_only_the_latest_passes(data: Path, tmp_path: Path):
    memo_file = tmp_path / "memo.txt"
    build_load(data, memo_file)
    before = set(memo_file.read_text().split())
    meetings = data / "areas" / "meetings.yml"
    meetings.write_text(meetings.read_text().replace("title: Meetings", "title: Meetings 2", 1))
    build_load(data, memo_file)
    after = set(memo_file.read_text().split())
    assert len(after) == len(before) and len(after - before) == 1


def test_data_that_differs_only_in_type_does_not_share_a_pass(tmp_path: Path):
    memo = SchemaMemo(tmp_path / "memo.txt")
    assert memo.recall("{}", {"version": "1"})[0] != memo.recall("{}", {"version": 1})[0]


def test_an_unchanged_build_leaves_the_memo_file_alone(data: Path, tmp_path: Path):
    memo_file = tmp_path / "memo.txt"
    build_load(data, memo_file)
    written = memo_file.stat().st_ino  # a save replaces the file, so its inode changes
    build_load(data, memo_file)
    assert memo_file.stat().st_ino == written
