"""`make diff`: the model at a git ref against the working tree, cell by cell, as Markdown."""

import shutil
import subprocess
from pathlib import Path

import pytest

from scripts.source.load import load_model
from scripts.tooling import diff
from tests.conftest import FIXTURE_DATA, ROOT, edit


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository whose first commit holds the fixture data, for a test to change."""
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "data")
    git(tmp_path, "commit", "-q", "-m", "model 1.0.0")
    return tmp_path


def reword_and_reshape(repo: Path) -> None:
    """A pull request's worth of edits: one word, one added item, one removed item, a rename."""
    data = repo / "data"
    edit(
        data / "areas/meetings.yml",
        "Routine updates happen in writing",
        "Routine updates go out in writing",
    )
    edit(
        data / "areas/meetings.yml",
        "        text: Agendas and notes exist for some meetings but not for others.\n",
        "        text: Agendas and notes exist for some meetings but not for others.\n"
        "      - id: optional-unclear\n"
        "        text: Nobody knows which meetings are optional.\n"
        "        reached_by: Teams notice it on their own.\n",
    )
    edit(
        data / "areas/documentation.yml",
        "      - id: decisions-made-call\n"
        "        text: Decisions made on a call leave no written trace once the call ends.\n",
        "",
    )
    edit(data / "model.yml", "name: Optimizing", "name: Improving")
    edit(data / "model.yml", "version: 1.0.0", "version: 1.1.0")


def test_an_unchanged_model_says_so(repo: Path):
    old, new = diff.model_at("main", repo), load_model(repo / "data")
    assert diff.compare(old, new) == []
    assert "No change to the model's text" in diff.markdown([], "`main`", "working tree", old, new)


def test_each_change_is_named_by_area_level_field_and_kind(repo: Path):
    reword_and_reshape(repo)
    old, new = diff.model_at("main", repo), load_model(repo / "data")
    found = {(c.where, c.field, c.kind) for c in diff.compare(old, new)}
    assert found == {
        ("Level 3 (Improving)", "name", "reworded"),
        ("Meetings, level 2 (Defined)", "summary", "reworded"),
        ("Meetings, level 1 (Initial)", "practices", "added"),
        ("Documentation, level 0 (Unaware)", "practices", "removed"),
    }
    reworded = next(c for c in diff.compare(old, new) if c.field == "summary")
    assert reworded.before.startswith("Routine updates happen in writing")
    assert reworded.after.startswith("Routine updates go out in writing")


def test_markdown_marks_the_words_that_changed(repo: Path):
    reword_and_reshape(repo)
    old, new = diff.model_at("main", repo), load_model(repo / "data")
    text = diff.markdown(diff.compare(old, new), "`main`", "working tree", old, new)
    assert text.startswith("## Model changes: `main` → working tree\n")
    assert "Version 1.0.0 → 1.1.0. 4 changes: 2 reworded, 1 added, 1 removed." in text
    assert "### Meetings, level 2 (Defined)\n\n- **summary** reworded\n" in text
    assert "  - before: Routine updates ~~happen~~ in writing," in text
    assert "  - after: Routine updates **go out** in writing," in text
    assert (
        "- **practices** `optional-unclear` added: Nobody knows which meetings are optional.\n"
        in (text)
    )
    assert "- **practices** `decisions-made-call` removed: Decisions made on a call" in text


def test_areas_added_removed_and_moved(repo: Path):
    data = repo / "data"
    edit(data / "model.yml", "  - documentation\n  - decision-making\n", "  - decision-making\n")
    (data / "areas/documentation.yml").unlink()
    edit(data / "model.yml", "  - leadership-culture\n", "  - leadership-culture\n  - tooling\n")
    tooling = (FIXTURE_DATA / "areas/meetings.yml").read_text()
    (data / "areas/tooling.yml").write_text(
        tooling.replace("id: meetings", "id: tooling").replace("title: Meetings", "title: Tooling")
    )
    edit(
        data / "model.yml", "  - work-tracking\n  - meetings\n", "  - meetings\n  - work-tracking\n"
    )
    old, new = diff.model_at("main", repo), load_model(data)
    changes = diff.compare(old, new)
    levels = [level.name for level in new.levels]
    assert [(c.where, c.field, c.kind) for c in changes] == [
        ("Documentation", "area", "removed"),
        ("Tooling", "area", "added"),
        *((f"Tooling, level {n} ({name})", "cell", "added") for n, name in enumerate(levels)),
        ("The model", "areas", "moved"),
    ]
    assert changes[-1].after == "decision-making, meetings, work-tracking, leadership-culture"
    text = diff.markdown(changes, "`main`", "working tree", old, new)
    top = new.area("tooling").cells[-1]
    assert f"### Tooling, level {top.level.id} ({top.level.name})\n\n- **cell** added: " in text
    assert diff._escape(top.summary) in text


def test_guide_edits_are_listed_by_principle_and_channel(repo: Path):
    guide = repo / "data" / "guide"
    edit(guide / "principles.yml", "name: Be asynchronous first", "name: Work async first")
    edit(guide / "channels.yml", "name: Chat", "name: Team chat")
    old, new = diff.model_at("main", repo), load_model(repo / "data")
    changes = diff.compare(old, new)
    assert [(c.where, c.field, c.kind, c.before, c.after) for c in changes] == [
        (
            "Principle: Work async first",
            "name",
            "reworded",
            "Be asynchronous first",
            "Work async first",
        ),
        ("Channel: Team chat", "name", "reworded", "Chat", "Team chat"),
    ]
    text = diff.markdown(changes, "`main`", "working tree", old, new)
    assert "### Principle: Work async first\n\n- **name** reworded\n" in text


def test_a_swapped_principle_id_is_changed_not_reworded(repo: Path):
    meetings = repo / "data" / "areas" / "meetings.yml"
    edit(meetings, "  - write-things-down\n", "  - make-work-visible\n")
    old, new = diff.model_at("main", repo), load_model(repo / "data")
    changes = diff.compare(old, new)
    assert [(c.where, c.field, c.kind, c.before, c.after) for c in changes] == [
        ("Meetings", "principles", "changed", "write-things-down", "make-work-visible"),
    ]
    text = diff.markdown(changes, "`main`", "working tree", old, new)
    assert "1 change: 1 changed." in text
    assert "- **principles** changed\n  - before: write-things-down\n" in text


def test_data_text_is_shown_as_source_not_rendered(repo: Path):
    edit(
        repo / "data/areas/meetings.yml",
        "text: Some updates go out",
        "text: Some *updates* (see [notes](https://example.org)) go out",
    )
    old, new = diff.model_at("main", repo), load_model(repo / "data")
    text = diff.markdown(diff.compare(old, new), "`main`", "working tree", old, new)
    assert "Some **\\*updates\\* (see \\[notes\\](https://example.org))** go out" in text


def test_the_command_line_reads_git_and_reports_bad_refs(repo: Path, capsys):
    reword_and_reshape(repo)
    assert diff.main(["main", "--repo", str(repo)]) == 0
    assert "### Level 3 (Improving)" in capsys.readouterr().out
    assert diff.main(["no-such-ref", "--repo", str(repo)]) == 2
    assert "git could not read data/ at 'no-such-ref'" in capsys.readouterr().err


def test_a_base_that_fails_todays_checks_is_reported_not_fatal(repo: Path, capsys):
    edit(repo / "data/model.yml", "version: 1.0.0", "version: one")
    git(repo, "commit", "-q", "-am", "broken")
    git(repo, "checkout", "-q", "HEAD~1", "--", "data")
    assert diff.main(["HEAD", "--repo", str(repo)]) == 0
    out = capsys.readouterr().out
    assert "does not pass today's checks" in out
    assert "data/model.yml:3: version:" in out


def test_make_diff_prints_markdown_only():
    result = subprocess.run(
        ["make", "-s", "--no-print-directory", "diff", "BASE=HEAD"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.startswith("## Model changes: `HEAD` → working tree\n")


def test_items_are_paired_by_id_when_reworded_reordered_or_relinked(repo: Path):
    meetings = repo / "data/areas/meetings.yml"
    edit(
        meetings,
        "        text: Agendas and notes exist for some meetings but not for others.\n",
        "        text: Agendas and notes exist for about half of the meetings.\n",
    )
    quick = (
        "      - id: someone-asks-quick\n"
        "        text: Someone asks for a quick call as soon as a written thread gets long.\n"
    )
    edit(meetings, quick, "")
    edit(meetings, "      - id: some-updates-go\n", quick + "      - id: some-updates-go\n")
    edit(
        meetings,
        "        leads_to: [agendas-notes-exist]\n",
        "        leads_to: [agendas-notes-exist, offsites-include-dinner]\n",
    )
    # Now that a step leads to it, the practice drops its reason for having none.
    edit(
        meetings,
        "        reached_by: >-\n"
        "          The steps of the level below, taken together; fixture data keeps\n"
        "          1.0.0's text, which has no step written for it.\n",
        "",
    )

    old, new = diff.model_at("main", repo), load_model(repo / "data")
    found = [(c.field, c.kind, c.item) for c in diff.compare(old, new)]
    assert found == [
        ("next_steps.leads_to", "added", "pick-recurring-status"),
        ("practices", "reworded", "agendas-notes-exist"),
        ("practices.reached_by", "removed", "offsites-include-dinner"),
        ("practices", "moved", None),
    ]
    moved = diff.compare(old, new)[-1]
    assert moved.after.startswith("someone-asks-quick, some-updates-go, agendas-notes-exist")
    text = diff.markdown(diff.compare(old, new), "`main`", "working tree", old, new)
    assert "- **practices** `agendas-notes-exist` reworded\n" in text
    assert (
        "- **next\\_steps.leads\\_to** `pick-recurring-status` added: offsites-include-dinner"
        in text
    )
