"""Read data/changelog.yml: the model's releases, newest first, checked against the model.

Problems are reported like the model's own (file:line, every one at once), so a
contributor who bumps `version` in data/model.yml is told to add a release entry.
"""

import datetime
from dataclasses import dataclass
from pathlib import Path

from scripts.model import Model
from scripts.source.load import DATA, Reader
from scripts.source.problems import ModelError, Problem
from scripts.source.yaml_source import Source

FILE = "changelog.yml"


@dataclass(frozen=True)
class Change:
    note: str
    area_id: str | None = None  # None: the change concerns the whole model or a level
    level_id: int | None = None  # with area_id: one cell; alone: the level itself
    item_ids: tuple[str, ...] = ()  # practices and next steps of that cell


@dataclass(frozen=True)
class Release:
    version: str
    date: datetime.date
    summary: str
    changes: tuple[Change, ...]

    @property
    def anchor(self) -> str:
        return "v" + self.version.replace(".", "-")


def load_changelog(model: Model, data_dir: Path = DATA) -> tuple[Release, ...]:
    """The releases in data/changelog.yml, newest first; ModelError lists what is wrong."""
    reader = Reader(Path(data_dir).parent)
    source = reader.read(
        Path(data_dir) / FILE,
        "changelog",
        missing="is missing; it lists the model's releases",
        prepare=_dates_as_text,
    )
    if reader.problems:  # the checks below assume the shape the schema guarantees
        raise ModelError(reader.problems)
    assert source is not None, "a file that could not be read is one of reader.problems"
    model_file = reader.name(Path(data_dir) / "model.yml")
    problems = (
        _check_order(source)
        + _check_version(source, model, model_file)
        + _check_refs(source, model)
    )
    if problems:
        raise ModelError(problems)
    return tuple(_release(entry) for entry in source.data["releases"])


def _dates_as_text(source: Source) -> None:
    """YAML reads 2026-11-24 as a date, VS Code's schema check as text: accept both."""
    releases = source.data.get("releases") if isinstance(source.data, dict) else None
    for entry in releases if isinstance(releases, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("date"), datetime.date):
            entry["date"] = entry["date"].isoformat()


def _semver(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def _check_order(source: Source) -> list[Problem]:
    problems = []
    newer: tuple[str, datetime.date | None] | None = None
    for index, entry in enumerate(source.data["releases"]):
        path = ("releases", str(index))
        try:
            day = datetime.date.fromisoformat(entry["date"])
        except ValueError:
            problems.append(source.problem((*path, "date"), "is not a real day of the calendar"))
            day = None
        if newer is not None:
            newer_version, newer_day = newer
            if _semver(entry["version"]) >= _semver(newer_version):
                problems.append(
                    source.problem(
                        (*path, "version"),
                        f"must be lower than {newer_version} above it: newest release first",
                    )
                )
            if day and newer_day and day > newer_day:
                problems.append(
                    source.problem(
                        (*path, "date"),
                        f"is later than {newer_day}, the date of {newer_version} listed above it",
                    )
                )
        newer = (entry["version"], day)
    return problems


def _check_version(source: Source, model: Model, model_file: str) -> list[Problem]:
    latest = source.data["releases"][0]["version"]
    if latest == model.version:
        return []
    return [
        source.problem(
            ("releases", "0", "version"),
            f"the newest release must be {model.version}, the version in {model_file}; "
            "add an entry for it at the top",
        )
    ]


def _check_refs(source: Source, model: Model) -> list[Problem]:
    """Every change names an area and level of the current model, so its link works."""
    area_ids = [area.id for area in model.areas]
    level_ids = [level.id for level in model.levels]
    problems = []
    for index, entry in enumerate(source.data["releases"]):
        for number, change in enumerate(entry.get("changes", [])):
            path = ("releases", str(index), "changes", str(number))
            if "area" in change and change["area"] not in area_ids:
                problems.append(
                    source.problem(
                        (*path, "area"),
                        f"'{change['area']}' is not an area of the model ({', '.join(area_ids)}); "
                        "for an area that was removed, name it in the note instead",
                    )
                )
            if "level" in change and change["level"] not in level_ids:
                problems.append(
                    source.problem(
                        (*path, "level"),
                        f"is not a level of the model ({level_ids[0]} to {level_ids[-1]})",
                    )
                )
            elif "items" in change:
                problems += _check_items(source, path, change, model)
    return problems


def _check_items(
    source: Source, path: tuple[str, ...], change: dict, model: Model
) -> list[Problem]:
    if "area" not in change or "level" not in change:
        return [source.problem((*path, "items"), "needs both area and level: the cell they are in")]
    if change["area"] not in [area.id for area in model.areas]:
        return []  # reported above
    cell = model.area(change["area"]).cell(change["level"])
    known = [p.id for p in cell.practices] + [s.id for s in cell.next_steps]
    return [
        source.problem(
            (*path, "items", str(number)),
            f"'{item}' is not a practice or next step of {change['area']}, level "
            f"{change['level']}; for one that was removed, name it in the note instead",
        )
        for number, item in enumerate(change["items"])
        if item not in known
    ]


def _release(entry: dict) -> Release:
    return Release(
        version=entry["version"],
        date=datetime.date.fromisoformat(entry["date"]),
        summary=entry["summary"],
        changes=tuple(
            Change(
                note=c["note"],
                area_id=c.get("area"),
                level_id=c.get("level"),
                item_ids=tuple(c.get("items", ())),
            )
            for c in entry.get("changes", [])
        ),
    )


def oldest_version(releases: tuple[Release, ...]) -> str:
    """The first release: what a file or link without a version is taken to be made with."""
    return releases[-1].version


def is_older(version: str, than: str) -> bool:
    return _semver(version) < _semver(than)


def changed_cells(releases: tuple[Release, ...], version: str) -> dict[tuple[str, int], list[str]]:
    """Each cell that a release newer than `version` changed, with its notes, oldest first.

    Answers given before those releases rated the cell's old text, so a team re-checks them.
    """
    cells: dict[tuple[str, int], list[str]] = {}
    for release in reversed(releases):
        if not is_older(version, release.version):
            continue
        for change in release.changes:
            if change.area_id is not None and change.level_id is not None:
                cells.setdefault((change.area_id, change.level_id), []).append(change.note)
    return cells
