"""What changed in the model between a git ref and the working tree, cell by cell, as Markdown.

`make diff BASE=main` prints it; CI appends it to a pull request's job summary so a
reviewer reads "Meetings, level 2: summary reworded" with the words that changed,
not a YAML diff. Both sides are loaded with load_model, so the comparison is between
models (levels, areas, cells), not between files.
"""

import argparse
import dataclasses
import difflib
import io
import re
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass, is_dataclass
from pathlib import Path

from scripts.model import Area, Model, data_fields
from scripts.source.load import load_model
from scripts.source.problems import ModelError

REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Change:
    where: str  # "The model", "Level 2 (Defined)", "Meetings", "Meetings, level 2 (Defined)"
    field: str  # the YAML key: summary, practices, next_steps, next_steps.leads_to, title, ...
    kind: str  # added, removed, reworded (a text), changed (an id), moved
    before: str | None = None
    after: str | None = None
    item: str | None = None  # the id of the practice or next step, for changes to one of them


class GitError(Exception):
    """git could not produce the files at the ref (unknown ref, not a repository)."""


# Lists of ids, not of texts: a different entry there is a changed link, not new wording.
_ID_LISTS = {"principles", "leads_to"}


def compare(old: Model, new: Model) -> list[Change]:
    changes = [
        *_texts(
            "The model", old, new, ("title", "summary", "copyright")
        ),  # version: in the heading
        *_levels(old, new),
    ]
    old_areas = {area.id: area for area in old.areas}
    new_areas = {area.id: area for area in new.areas}
    for area in old.areas:
        if area.id not in new_areas:
            changes.append(Change(area.title, "area", "removed", before=area.id))
    for area in new.areas:
        if area.id not in old_areas:
            changes.append(Change(area.title, "area", "added", after=area.id))
            changes += [
                Change(
                    f"{area.title}, {_level_name(new, cell.level.id)}",
                    "cell",
                    "added",
                    after=cell.summary,
                )
                for cell in area.cells
            ]
        else:
            changes.extend(_area(old_areas[area.id], area, old, new))
    changes += _order("The model", "areas", list(old_areas), list(new_areas))
    changes += _guide("Principle", "principles", old.principles, new.principles)
    changes += _guide("Channel", "channels", old.channels, new.channels)
    return changes


def _guide(kind: str, field: str, old: tuple, new: tuple) -> list[Change]:
    """The guide's principles or channels (data/guide/), paired by id like list items."""
    before = {item.id: item for item in old}
    after = {item.id: item for item in new}
    changes = [
        Change(f"{kind}: {item.name}", field, "removed", before=item.summary, item=item.id)
        for item in old
        if item.id not in after
    ]
    for item in new:
        if item.id not in before:
            changes.append(
                Change(f"{kind}: {item.name}", field, "added", after=item.summary, item=item.id)
            )
        else:
            changes += _record(f"{kind}: {item.name}", before[item.id], item)
    return changes + _order("The guide", field, list(before), list(after))


def _order(where: str, field: str, old_ids: list[str], new_ids: list[str]) -> list[Change]:
    """A "moved" change when the ids on both sides are in another order."""
    kept_old = [i for i in old_ids if i in new_ids]
    kept_new = [i for i in new_ids if i in old_ids]
    if kept_old == kept_new:
        return []
    return [Change(where, field, "moved", ", ".join(kept_old), ", ".join(kept_new))]


def _texts(where: str, old: object, new: object, fields: tuple[str, ...]) -> list[Change]:
    return [
        Change(where, name, "reworded", getattr(old, name), getattr(new, name))
        for name in fields
        if getattr(old, name) != getattr(new, name)
    ]


def _items(where: str, field: str, old: tuple, new: tuple) -> list[Change]:
    """A list field item by item. Items with ids are paired by id, so rewording or reordering
    them keeps them the same item; plain texts are paired by position."""
    if any(is_dataclass(item) for item in (*old, *new)):
        return _by_id(where, field, old, new)
    changes = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        pairs = min(a2 - a1, b2 - b1) if op == "replace" else 0
        kind = "changed" if field in _ID_LISTS else "reworded"
        changes += [Change(where, field, kind, old[a1 + i], new[b1 + i]) for i in range(pairs)]
        changes += [Change(where, field, "removed", before=text) for text in old[a1 + pairs : a2]]
        changes += [Change(where, field, "added", after=text) for text in new[b1 + pairs : b2]]
    return changes


def _by_id(where: str, field: str, old: tuple, new: tuple) -> list[Change]:
    before = {item.id: item for item in old}
    after = {item.id: item for item in new}
    changes = [
        Change(where, field, "removed", before=item.text, item=item.id)
        for item in old
        if item.id not in after
    ]
    for item in new:
        if item.id not in before:
            changes.append(Change(where, field, "added", after=item.text, item=item.id))
            continue
        for change in _record(where, before[item.id], item):
            # A change to an item's text is a change to the list's entry, as in the YAML.
            name = field if change.field == "text" else f"{field}.{change.field}"
            changes.append(dataclasses.replace(change, field=name, item=item.id))
    return changes + _order(where, field, list(before), list(after))


def _level_name(model: Model, level_id: int) -> str:
    return f"level {level_id} ({model.levels[level_id].name})"


def _levels(old: Model, new: Model) -> list[Change]:
    changes = []
    for level in new.levels[len(old.levels) :]:
        changes.append(
            Change(f"Level {level.id} ({level.name})", "level", "added", after=level.summary)
        )
    for level in old.levels[len(new.levels) :]:
        changes.append(
            Change(f"Level {level.id} ({level.name})", "level", "removed", level.summary)
        )
    for before, after in zip(old.levels, new.levels, strict=False):
        changes += _record(f"Level {after.id} ({after.name})", before, after)
    return changes


def _record(where: str, before: object, after: object) -> list[Change]:
    """Every data field of one record (model.py's list): texts whole, lists item by item."""
    changes = []
    for f in data_fields(type(after)):
        old, new = getattr(before, f.name), getattr(after, f.name)
        if isinstance(new, tuple):
            changes += _items(where, f.name, old, new)
        elif old is None and new is not None:
            changes.append(Change(where, f.name, "added", after=new))
        elif new is None and old is not None:
            changes.append(Change(where, f.name, "removed", before=old))
        elif old != new:
            changes.append(Change(where, f.name, "reworded", old, new))
    return changes


def _area(before: Area, after: Area, old: Model, new: Model) -> list[Change]:
    changes = _record(after.title, before, after)
    for cell in after.cells[len(before.cells) :]:
        where = f"{after.title}, {_level_name(new, cell.level.id)}"
        changes.append(Change(where, "cell", "added", after=cell.summary))
    for cell in before.cells[len(after.cells) :]:
        where = f"{after.title}, {_level_name(old, cell.level.id)}"
        changes.append(Change(where, "cell", "removed", before=cell.summary))
    for old_cell, new_cell in zip(before.cells, after.cells, strict=False):
        where = f"{after.title}, {_level_name(new, new_cell.level.id)}"
        changes += _record(where, old_cell, new_cell)
    return changes


# --- Markdown ---------------------------------------------------------------------------

_SPECIAL = re.compile(r"([\\`*_\[\]<>~|&])")


def _escape(text: str) -> str:
    """Show data text as written: its Markdown and any HTML stay visible, never rendered."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _word_diff(before: str, after: str) -> tuple[str, str]:
    """Both texts, with removed words struck through in the first and added words in bold."""
    old, new = before.split(), after.split()
    marked_old, marked_new = [], []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        removed, added = _escape(" ".join(old[a1:a2])), _escape(" ".join(new[b1:b2]))
        if op == "equal":
            marked_old.append(removed)
            marked_new.append(added)
            continue
        if removed:
            marked_old.append(f"~~{removed}~~")
        if added:
            marked_new.append(f"**{added}**")
    return " ".join(marked_old), " ".join(marked_new)


def markdown(changes: list[Change], base: str, head: str, old: Model, new: Model) -> str:
    lines = [f"## Model changes: {base} → {head}", ""]
    if old.version != new.version:
        lines.append(f"Version {old.version} → {new.version}.")
    else:
        lines.append(f"Version {new.version} on both sides.")
    if not changes:
        lines += ["", "No change to the model's text: levels, areas and cells are the same."]
        return "\n".join(lines) + "\n"
    counts = {
        kind: sum(c.kind == kind for c in changes)
        for kind in ("reworded", "changed", "added", "removed", "moved")
    }
    summary = ", ".join(f"{n} {kind}" for kind, n in counts.items() if n)
    lines[-1] += f" {len(changes)} change{'s' if len(changes) != 1 else ''}: {summary}."
    groups: dict[str, list[Change]] = {}
    for change in changes:
        groups.setdefault(change.where, []).append(change)
    for where, group in groups.items():
        lines += ["", f"### {_escape(where)}", ""]
        for change in group:
            lines += _change_lines(change)
    return "\n".join(lines) + "\n"


def _change_lines(change: Change) -> list[str]:
    item = f" `{change.item}`" if change.item else ""
    head = f"- **{_escape(change.field)}**{item} {change.kind}"
    if change.kind == "reworded" and change.before is not None and change.after is not None:
        before, after = _word_diff(change.before, change.after)
        return [head, f"  - before: {before}", f"  - after: {after}"]
    if change.kind in ("moved", "changed"):
        return [
            head,
            f"  - before: {_escape(change.before or '')}",
            f"  - after: {_escape(change.after or '')}",
        ]
    text = change.after if change.kind == "added" else change.before
    return [f"{head}: {_escape(text)}"] if text else [head]


# --- git and the command line -------------------------------------------------------------


def model_at(ref: str, repo: Path = REPO) -> Model:
    """The model as committed at `ref`, read from `git archive` into a temporary folder."""
    result = subprocess.run(
        ["git", "-C", str(repo), "archive", "--format=tar", ref, "data"],
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        raise GitError(result.stderr.decode(errors="replace").strip())
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(fileobj=io.BytesIO(result.stdout)) as tar:
            tar.extractall(tmp, filter="data")
        return load_model(Path(tmp) / "data")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.tooling.diff", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "base", nargs="?", default="main", help="git ref to compare with (default: main)"
    )
    parser.add_argument(
        "--repo", type=Path, default=REPO, help="the repository (default: this one)"
    )
    args = parser.parse_args(argv)
    try:
        new = load_model(args.repo / "data")
    except ModelError as error:
        print(error.report(), file=sys.stderr)
        return 1
    try:
        old = model_at(args.base, args.repo)
    except GitError as error:
        print(f"error: git could not read data/ at '{args.base}': {error}", file=sys.stderr)
        return 2
    except ModelError as error:
        # Not fatal: a change may tighten the checks that the base's data predates.
        print(f"## Model changes: `{args.base}` → working tree\n")
        print(f"The model at `{args.base}` does not pass today's checks, so it cannot be")
        print("compared cell by cell. Its problems:\n")
        print("\n".join(f"- {_escape(str(problem))}" for problem in error.problems))
        return 0
    print(markdown(compare(old, new), f"`{args.base}`", "working tree", old, new), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
