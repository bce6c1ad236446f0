"""The self-assessment's two formats: the model as the page reads it, and the file it exports.

The page (content/assets/assessment.js) gets the model as JSON embedded by the build;
a team downloads its answers as JSON and `python -m scripts.cli report` reads them
back here. Both sides agree on one shape:

    {"model_version": "1.0.0", "team": "Platform", "date": "2025-03-04",
     "areas": {"documentation": {"current": 1, "target": 2}, ...}}

Reading collects every problem in the file, like the data loader, so a team lead
fixes a hand-edited file in one pass.
"""

import difflib
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from markupsafe import Markup

from scripts.model import Model
from scripts.render import inline, urls
from scripts.source.problems import Problem

TEAM_MAX = 80  # keeps the one-pager's title on one line
KINDS = ("current", "target")


@dataclass(frozen=True)
class Assessment:
    team: str
    assessed_on: date | None
    levels: dict[str, dict[str, int]]  # area id -> {"current": 1, "target": 2}, unset keys left out
    model_version: str | None = None

    def marks(self, area_id: str, level_id: int) -> tuple[str, ...]:
        """Which marks ("current", "target") the one-pager puts in this cell."""
        chosen = self.levels.get(area_id, {})
        return tuple(kind for kind in KINDS if chosen.get(kind) == level_id)


class AssessmentError(Exception):
    """Raised with every problem in an assessment file, never just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(map(str, self.problems)))

    def report(self) -> str:
        many = len(self.problems) != 1
        return f"{self}\n{len(self.problems)} problem{'s' * many} in the assessment; no PDF made."


def read(path: Path, model: Model) -> Assessment:
    """Read an exported assessment file, or raise AssessmentError naming the file."""
    name = str(path)

    def fail(message: str, line: int = 0) -> AssessmentError:
        return AssessmentError([Problem(name, line, "", message)])

    try:
        text = path.read_text(encoding="utf-8-sig")  # editors on Windows add a BOM
    except FileNotFoundError:
        raise fail("no such file; download it from the assessment page first") from None
    except UnicodeDecodeError:
        raise fail("is not UTF-8 text; is it the JSON file from the assessment page?") from None
    except OSError as error:
        raise fail(f"cannot be read ({error.strerror})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise fail(f"is not valid JSON: {error.msg} (column {error.colno})", error.lineno) from None
    if not isinstance(data, dict):
        raise fail("must hold one JSON object, as the assessment page downloads it")
    return _parse(data, model, name)


def _parse(data: dict, model: Model, name: str) -> Assessment:
    problems: list[Problem] = []

    def problem(where: str, message: str) -> None:
        problems.append(Problem(name, 0, where, message))

    team = data.get("team")
    if team is None:
        team = ""
    elif not isinstance(team, str):
        problem("team", "must be text")
        team = ""
    elif len(team.strip()) > TEAM_MAX:
        problem("team", f"has {len(team.strip())} characters; keep it to {TEAM_MAX}")
    on = None
    if data.get("date"):
        try:
            on = date.fromisoformat(str(data["date"]))
        except ValueError:
            problem("date", f"must be a date such as 2025-03-04, not {data['date']!r}")
    version = data.get("model_version")

    levels: dict[str, dict[str, int]] = {}
    areas = data.get("areas")
    if not isinstance(areas, dict):
        problem("areas", 'is required: one entry per area, such as {"meetings": {...}}')
        areas = {}
    known = [area.id for area in model.areas]
    top = model.levels[-1].id
    for area_id, chosen in areas.items():
        if area_id not in known:
            close = difflib.get_close_matches(area_id, known, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"the areas are {', '.join(known)}"
            problem(f"areas.{area_id}", f"is not an area of the model; {hint}")
            continue
        if not isinstance(chosen, dict):
            problem(f"areas.{area_id}", 'must look like {"current": 1, "target": 2}')
            continue
        levels[area_id] = {}
        for kind in KINDS:
            value = chosen.get(kind)
            # bool is an int in Python; `true` is never a level.
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= top:
                where = f"areas.{area_id}.{kind}"
                problem(where, f"must be a level from 0 to {top}, not {value!r}")
            else:
                levels[area_id][kind] = value
    if not any(levels.values()) and not problems:
        problem("areas", "has no level picked; pick at least one on the assessment page")
    if problems:
        raise AssessmentError(problems)
    return Assessment(team.strip(), on, levels, version if isinstance(version, str) else None)


def page_data(model: Model, root: str) -> dict:
    """What the assessment page's script needs: names, links, practices and next steps.

    Text goes out as plain text (inline Markdown rendered, then its tags dropped):
    the script shows it with textContent, never as HTML.
    """

    def text(value: str) -> str:
        return inline.inline(value).striptags()

    return {
        "title": model.title,
        "version": model.version,
        "team_max": TEAM_MAX,
        "levels": [{"id": level.id, "name": level.name} for level in model.levels],
        "areas": [
            {
                "id": area.id,
                "title": area.title,
                "cells": [
                    {
                        "url": root + urls.cell_path(area.id, cell.level.id),
                        "practices": [text(p) for p in cell.practices],
                        "next_steps": [text(s) for s in cell.next_steps],
                    }
                    for cell in area.cells
                ],
            }
            for area in model.areas
        ],
    }


def script_json(value: object) -> Markup:
    """JSON that is safe inside <script type="application/json">: no `</script>`, no `<!--`."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(char, escape)
    return Markup(text)
