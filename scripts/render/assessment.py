"""The self-assessment's two formats: the model as the page reads it, and the file it exports.

The page (content/assets/js/) gets the model as JSON embedded by the build; a team
downloads its answers as JSON and `python -m scripts.cli report` reads them back here.
The file's rules live once, in data/schemas/assessment.schema.json: this module reads
its limits and patterns from there, and the page gets the same schema in its data.

Reading collects every problem in the file, like the data loader, so a team lead fixes
a hand-edited file in one pass; but it quotes at most a short excerpt of any value and
lists at most PROBLEMS_SHOWN problems, so a hostile file cannot flood a terminal.
"""

import difflib
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from markupsafe import Markup

from scripts.model import Model
from scripts.render import inline, urls
from scripts.source.changelog import Release
from scripts.source.problems import Problem, ProblemsError

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "data" / "schemas" / "assessment.schema.json"
SCHEMA = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
KINDS = ("current", "target")
PLAN = ("what", "who", "by")  # an action's fields
AREA_FIELDS = (*KINDS, "practices", "actions", "notes", "not_applicable")
LINK_MAX = 2000  # characters of a whole link that chat tools and browsers keep whole
FILE_MAX = 1_000_000  # bytes; a real file is under 5 KB, and parsing 1 MB stays under a second
PROBLEMS_SHOWN = 20
EXCERPT = 40  # characters of a bad value that a message quotes


def _ecma(pattern: str) -> re.Pattern[str]:
    """A schema pattern with JSON Schema's meaning: Python's `$` would also pass a final newline."""
    return re.compile(pattern.removesuffix("$") + r"\Z" if pattern.endswith("$") else pattern)


_FIELDS = SCHEMA["properties"]
TEAM_MAX = _FIELDS["team"]["maxLength"]  # keeps the one-pager's title on one line
_TEAM = _ecma(_FIELDS["team"]["pattern"])
_DATE = _ecma(_FIELDS["date"]["pattern"])
_VERSION = _ecma(_FIELDS["model_version"]["pattern"])
_AREA_ID = _ecma(_FIELDS["areas"]["propertyNames"]["pattern"])
_AREA_ID_MAX = _FIELDS["areas"]["propertyNames"]["maxLength"]
LEVEL_MIN, LEVEL_MAX = SCHEMA["$defs"]["level"]["minimum"], SCHEMA["$defs"]["level"]["maximum"]
_AREA = _FIELDS["areas"]["additionalProperties"]["properties"]
_LINE = _ecma(SCHEMA["$defs"]["line"]["pattern"])
ACTIONS_MAX = _AREA["actions"]["maxItems"]
# Each text field: its limit and the rule for its characters (only notes keep line breaks).
TEXTS = {
    "team": (TEAM_MAX, _TEAM),
    "what": (_AREA["actions"]["items"]["properties"]["what"]["maxLength"], _LINE),
    "who": (_AREA["actions"]["items"]["properties"]["who"]["maxLength"], _LINE),
    "notes": (_AREA["notes"]["maxLength"], _ecma(_AREA["notes"]["pattern"])),
    "reason": (_AREA["not_applicable"]["properties"]["reason"]["maxLength"], _LINE),
}


def printable(text: str) -> str:
    """`text` with control, format and lone-surrogate characters written as escapes.

    Whatever reaches a terminal goes through here, so a file cannot clear the screen,
    recolour it or reverse the line with a direction override.
    """
    return "".join(
        f"\\u{ord(char):04x}"
        if unicodedata.category(char) in {"Cc", "Cf", "Cs", "Zl", "Zp"}
        else char
        for char in text
    )


def excerpt(value: object) -> str:
    """A short quote of any value for a message, like the page's excerpt()."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f'"{value[:EXCERPT]}"' + ("…" if len(value) > EXCERPT else "")
    text = json.dumps(value)
    return text[:EXCERPT] + ("…" if len(text) > EXCERPT else "")


@dataclass(frozen=True)
class Action:
    what: str = ""
    who: str = ""
    by: date | None = None


@dataclass(frozen=True)
class Plan:
    """What a team recorded for one area beyond its levels."""

    practices: tuple[str, ...] = ()  # ids of the practices it already does, in the model's order
    actions: tuple[Action, ...] = ()
    notes: str = ""
    not_applicable: str | None = None  # the reason, "" if none given; None while the area applies


@dataclass(frozen=True)
class Assessment:
    team: str
    assessed_on: date | None
    levels: dict[str, dict[str, int]]  # area id -> {"current": 1, "target": 2}, unset keys left out
    model_version: str | None = None
    plans: dict[str, Plan] = field(default_factory=dict)  # area id -> its plan, if it has one

    def plan(self, area_id: str) -> Plan:
        return self.plans.get(area_id, Plan())

    def applies(self, area_id: str) -> bool:
        return self.plan(area_id).not_applicable is None

    def marks(self, area_id: str, level_id: int) -> tuple[str, ...]:
        """Which marks ("current", "target") the one-pager puts in this cell: none for an
        area that does not apply, whatever levels the file still holds for it."""
        chosen = self.levels.get(area_id, {}) if self.applies(area_id) else {}
        return tuple(kind for kind in KINDS if chosen.get(kind) == level_id)


class AssessmentError(ProblemsError):
    """Raised with the problems in an assessment file: the first PROBLEMS_SHOWN, and a count."""

    def __init__(self, problems: list[Problem], count: int | None = None):
        self.count = max(count or 0, len(set(problems)))
        super().__init__(problems)

    def report(self) -> str:
        lines = [printable(str(p)) for p in self.problems]
        if rest := self.count - len(self.problems):
            lines.append(f"… and {rest:,} more")
        many = self.count != 1
        lines.append(f"{self.count:,} problem{'s' * many} in the assessment; no PDF made.")
        return "\n".join(lines)


def read(path: Path, model: Model) -> Assessment:
    """Read an exported assessment file, or raise AssessmentError naming the file.

    Bounded: a file over FILE_MAX bytes is refused before it is read, and nesting too deep
    for the JSON reader or a number too long to convert is one clear problem.
    """
    name = str(path)

    def fail(message: str, line: int = 0) -> AssessmentError:
        return AssessmentError([Problem(name, line, "", message)])

    try:
        with path.open("rb") as handle:
            raw = handle.read(FILE_MAX + 1)
    except FileNotFoundError:
        raise fail("no such file; download it from the assessment page first") from None
    except OSError as error:
        raise fail(f"cannot be read ({error.strerror})") from None
    if len(raw) > FILE_MAX:
        raise fail(f"is larger than {FILE_MAX // 1_000_000} MB; an assessment file is a few KB")
    try:
        text = raw.decode("utf-8-sig")  # editors on Windows add a BOM
    except UnicodeDecodeError:
        raise fail("is not UTF-8 text; is it the JSON file from the assessment page?") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise fail(f"is not valid JSON: {error.msg} (column {error.colno})", error.lineno) from None
    except RecursionError:
        raise fail("nests too deeply; an assessment file nests five levels") from None
    except ValueError:  # an integer of more than 4,300 digits
        raise fail("holds a number too long to be a level") from None
    if not isinstance(data, dict):
        raise fail("must hold one JSON object, as the assessment page downloads it")
    return _parse(data, model, name)


def _level(value: object) -> int | None:
    """A level as the schema's "integer" means it: 2 and 2.0 alike; never true or false."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not value.is_integer():
        return None
    return int(value) if LEVEL_MIN <= value <= LEVEL_MAX else None


def _text_problem(value: str, kind: str) -> str | None:
    """What is wrong with a text field of TEXTS, or None."""
    maximum, allowed = TEXTS[kind]
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "has a broken character"
    if not allowed.match(value):
        return "holds a control or direction character"
    length = len(value.strip())
    return f"has {length:,} characters; keep it to {maximum}" if length > maximum else None


def _day(value: object) -> date | None:
    """A real day written YYYY-MM-DD, or None."""
    if not isinstance(value, str) or not _DATE.match(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:  # 2025-02-30
        return None


def _plan(
    chosen: dict, practice_ids: list[str], where: str, problem: Callable[[str, str], bool]
) -> Plan:
    """An area's ticks, actions, notes and "does not apply"; each problem goes to `problem`."""

    def text(value: object, kind: str, at: str) -> str:
        if value is None:
            return ""
        if not isinstance(value, str):
            problem(at, f"must be text, not {excerpt(value)}")
            return ""
        if message := _text_problem(value, kind):
            problem(at, message)
        return value.strip()

    ticks = chosen.get("practices", [])
    if not isinstance(ticks, list):
        problem(f"{where}.practices", "must be a list of practice ids")
        ticks = []
    for index, tick in enumerate(ticks):
        if tick not in practice_ids:
            problem(
                f"{where}.practices[{index}]", f"{excerpt(tick)} is not a practice of this area"
            )
        elif ticks.index(tick) < index:
            problem(f"{where}.practices[{index}]", f"{excerpt(tick)} is listed twice")
    todos = chosen.get("actions", [])
    if not isinstance(todos, list) or len(todos) > ACTIONS_MAX:
        problem(f"{where}.actions", f"must be a list of at most {ACTIONS_MAX} actions")
        todos = []
    actions = []
    for index, todo in enumerate(todos):
        at = f"{where}.actions[{index}]"
        if not isinstance(todo, dict):
            problem(at, 'must look like {"what": "…", "who": "…", "by": "2025-06-30"}')
            continue
        for key in todo.keys() - set(PLAN):
            problem(f"{at}.{excerpt(key)}", "is not what, who or by")
        by = _day(todo.get("by"))
        if todo.get("by") is not None and by is None:
            problem(f"{at}.by", f"must be a day such as 2025-06-30, not {excerpt(todo['by'])}")
        action = Action(
            text(todo.get("what"), "what", f"{at}.what"),
            text(todo.get("who"), "who", f"{at}.who"),
            by,
        )
        if action != Action():
            actions.append(action)
    reason = None
    if "not_applicable" in chosen:
        none = chosen["not_applicable"]
        if not isinstance(none, dict):
            problem(f"{where}.not_applicable", 'must look like {"reason": "…"}')
        else:
            for key in none.keys() - {"reason"}:
                problem(f"{where}.not_applicable.{excerpt(key)}", "is not reason")
            reason = text(none.get("reason"), "reason", f"{where}.not_applicable.reason")
    return Plan(
        tuple(p for p in practice_ids if p in ticks),
        tuple(actions),
        text(chosen.get("notes"), "notes", f"{where}.notes"),
        reason,
    )


def _parse(data: dict, model: Model, name: str) -> Assessment:
    problems: list[Problem] = []
    count = 0

    def problem(where: str, message: str) -> bool:
        """Record a problem; False once enough are listed, so callers skip costly hints."""
        nonlocal count
        count += 1
        if len(problems) >= PROBLEMS_SHOWN:
            return False
        problems.append(Problem(name, 0, where, message))
        return True

    for key in data.keys() - _FIELDS.keys():
        problem(excerpt(key), "is not part of an assessment file")
    team = data.get("team", "")
    if not isinstance(team, str):
        problem("team", f"must be text, not {excerpt(team)}")
        team = ""
    elif message := _text_problem(team, "team"):
        problem("team", message)
    raw_date = data.get("date")
    on = _day(raw_date)
    if raw_date is not None and on is None:
        problem("date", f"must be a day such as 2025-03-04, not {excerpt(raw_date)}")
    version = data.get("model_version")
    if "model_version" in data and not (isinstance(version, str) and _VERSION.match(version)):
        problem("model_version", f"must be a version such as 1.0.0, not {excerpt(version)}")
        version = None
    title = data.get("model", "")
    if not isinstance(title, str) or len(title) > _FIELDS["model"]["maxLength"]:
        problem("model", "must be the model's title")

    levels: dict[str, dict[str, int]] = {}
    plans: dict[str, Plan] = {}
    areas = data.get("areas")
    if not isinstance(areas, dict):
        problem("areas", 'is required: one entry per area, such as {"meetings": {...}}')
        areas = {}
    known = [area.id for area in model.areas]
    for area_id, chosen in areas.items():
        where = f"areas.{area_id if len(area_id) <= EXCERPT else excerpt(area_id)}"
        if area_id not in known:
            well_formed = len(area_id) <= _AREA_ID_MAX and _AREA_ID.match(area_id)
            # difflib only while the problem is still listed: 70,000 near misses stay fast.
            close = (
                well_formed
                and count < PROBLEMS_SHOWN
                and difflib.get_close_matches(area_id, known, n=1)
            )
            hint = f"did you mean '{close[0]}'?" if close else f"the areas are {', '.join(known)}"
            problem(where, f"is not an area of the model; {hint}")
            continue
        if not isinstance(chosen, dict):
            problem(where, 'must look like {"current": 1, "target": 2}')
            continue
        for key in chosen.keys() - set(AREA_FIELDS):
            problem(
                f"{where}.{excerpt(key)}", f"is not a field of an area ({', '.join(AREA_FIELDS)})"
            )
        levels[area_id] = {}
        for kind in KINDS:
            value = chosen.get(kind)
            if value is None:
                continue
            level = _level(value)
            if level is None:
                problem(
                    f"{where}.{kind}",
                    f"must be a level from {LEVEL_MIN} to {LEVEL_MAX}, not {excerpt(value)}",
                )
            else:
                levels[area_id][kind] = level
        area = model.area(area_id)
        practice_ids = [p.id for cell in area.cells for p in cell.practices]
        if (plan := _plan(chosen, practice_ids, where, problem)) != Plan():
            plans[area_id] = plan
    if problems:
        raise AssessmentError(problems, count)
    return Assessment(team.strip(), on, levels, version, plans)


def page_data(model: Model, root: str, releases: tuple[Release, ...] = ()) -> dict:
    """What the assessment page's script needs: names, links, practices and next steps,
    and the cells each release changed, to tell a team which old answers to re-check.

    Text goes out as plain text (inline Markdown rendered, then its tags dropped):
    the script shows it with textContent, never as HTML.
    """

    def text(value: str) -> str:
        return inline.inline(value).striptags()

    return {
        "title": model.title,
        "version": model.version,
        "schema": SCHEMA,
        "file_max": FILE_MAX,
        "link_max": LINK_MAX,
        "levels": [{"id": level.id, "name": level.name} for level in model.levels],
        "releases": [
            {
                "version": release.version,
                "cells": [
                    {
                        "area": change.area_id,
                        "level": change.level_id,
                        "url": root + urls.cell_page(change.area_id, change.level_id),
                        "note": text(change.note),
                    }
                    for change in release.changes
                    if change.area_id is not None and change.level_id is not None
                ],
            }
            for release in releases
        ],
        "areas": [
            {
                "id": area.id,
                "title": area.title,
                "cells": [
                    {
                        "url": root + urls.cell_path(area.id, cell.level.id),
                        "practices": [
                            {
                                "id": p.id,
                                "text": text(p.text),
                                "url": root + urls.practice_path(area.id, p.id),
                            }
                            for p in cell.practices
                        ],
                        "next_steps": [
                            {"text": text(s.text), "leads_to": list(s.leads_to)}
                            for s in cell.next_steps
                        ],
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
