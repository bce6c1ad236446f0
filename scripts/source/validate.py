"""Check the data files: their JSON Schemas first, then what a schema cannot say.

Every check adds to one list of problems; nothing stops at the first one, so a
contributor sees all that is wrong in one run.
"""

import difflib
import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from scripts.render.urls import is_safe_url
from scripts.source import sentences
from scripts.source.problems import Problem, excerpt
from scripts.source.yaml_source import Source

SCHEMAS = Path(__file__).resolve().parents[2] / "data" / "schemas"
SUMMARY_WORDS = (8, 45)  # a cell summary must fit its box in the one-page PDF
MAX_TEXT = 2000  # characters in any one text; the longest today has about 400
# Markdown's link parser slows down with the square of the [ signs in a text (4.5 s for 2,000
# of them); a text holds a few links at most.
MAX_BRACKETS = 10

# Each check of text runs in time linear in its length: no two parts of a pattern can match
# the same characters, and a scan from one "<" never runs past the next "<".
_HTML_TAG = re.compile(r"<\s*(?:/\s*)?[a-zA-Z!?]")  # where a tag starts: "<b", "</ b", "<!--"
_TAG_TEXT = re.compile(r"[^<>]{0,40}>?")
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^<>\s]*)>")
_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "array": "a list",
    "object": "a mapping of keys",
    "boolean": "true or false",
}


@cache
def schema_text(name: str) -> str:
    return (SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8")


@cache
def schema(name: str) -> dict:
    return json.loads(schema_text(name))


def check_schema(source: Source, schema_name: str) -> list[Problem]:
    """The file's problems against data/schemas/<schema_name>.schema.json."""
    rules = schema(schema_name)
    if source.data is None:
        keys = ", ".join(rules.get("required", []))
        return [
            source.problem(
                (),
                f"is empty (or holds only comments); it needs the keys {keys}, as the "
                "other files of its kind have",
            )
        ]
    validator = jsonschema.Draft202012Validator(rules)
    problems = [
        source.problem(path, message)
        for error in validator.iter_errors(source.data)
        for path, message in _explain(error, source.plain)
    ]
    return problems


def _explain(
    error: jsonschema.ValidationError, plain: dict[tuple[str, ...], str]
) -> Iterator[tuple[tuple[str, ...], str]]:
    """`plain`: what the file says, for a value YAML read as something other than text."""
    path = tuple(str(p) for p in error.absolute_path)
    instance, kind, expected = error.instance, error.validator, error.validator_value
    if kind == "required":
        for key in expected:
            if key not in instance:
                yield (*path, key), "is required"
    elif kind == "additionalProperties":
        known = list(error.schema.get("properties", {}))
        for key in instance:
            if key not in known:
                close = difflib.get_close_matches(str(key), known, n=1) or [
                    k for k in known if str(key).startswith(k) or k.startswith(str(key))
                ]
                hint = (
                    f"; did you mean '{close[0]}'?"
                    if close
                    else f"; known keys: {', '.join(known)}"
                )
                yield (*path, str(key)), f"is not a known key{hint}"
    elif kind == "type" and expected == "string" and path in plain and instance is not None:
        written = excerpt(plain[path], 40, quote=False)
        yield (
            path,
            (
                f"must be text, but YAML reads {written} without quotes as {_describe(instance)}; "
                f"put it in quotes: '{written}'"
            ),
        )
    elif kind == "type":
        yield path, f"must be {_TYPE_NAMES.get(expected, expected)}, not {_describe(instance)}"
    elif kind == "minLength":
        yield path, "must not be empty"
    elif kind == "maxLength":
        yield path, f"has {len(instance):,} characters; keep it to {expected} at most"
    elif kind == "minItems":
        yield path, f"needs at least {expected} items, has {len(instance)}"
    elif kind == "maxItems":
        yield path, f"has {len(instance)} items; keep it to {expected} at most"
    elif kind == "uniqueItems":
        yield path, "lists the same item twice"
    elif kind == "pattern":
        yield path, error.schema.get("patternErrorMessage", f"does not match {expected}")
    elif kind == "propertyNames":
        yield (*path, str(instance)), "must be a level number such as 0"
    else:
        yield path, excerpt(error.message, 200, quote=False)  # it may quote the whole value


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if value is None:
        return "nothing (the value is missing)"
    if type(value).__name__ in ("date", "datetime"):
        return "a date"
    if isinstance(value, (int, float)):
        return f"the number {excerpt(value, 40, quote=False)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of keys"
    return excerpt(value)


def check_text(source: Source) -> list[Problem]:
    """Every piece of text: not too long, not blank, no live HTML, only links a reader can trust."""
    problems = []
    for path, text in _strings(source.data, ()):
        if len(text) > MAX_TEXT:
            problems.append(
                source.problem(
                    path, f"has {len(text):,} characters; keep a text to {MAX_TEXT:,} at most"
                )
            )
        if (brackets := text.count("[")) > MAX_BRACKETS:
            problems.append(
                source.problem(
                    path, f"has {brackets:,} [ signs; keep it to {MAX_BRACKETS}, a few links"
                )
            )
        if text and not text.strip():
            problems.append(source.problem(path, "must not be empty"))
        words, sentence = sentences.longest(text)
        if words > sentences.MAX_WORDS and len(text) <= MAX_TEXT:  # else "too long" says it
            problems.append(
                source.problem(
                    path,
                    f"has a sentence of {words} words ({excerpt(sentence)}); split it so each "
                    f"has {sentences.MAX_WORDS} at most",
                )
            )
        if tag := _HTML_TAG.search(text):
            rest = _TAG_TEXT.match(text, tag.end())  # it matches any text, even none
            shown = tag.group(0) + (rest.group(0) if rest else "")
            problems.append(
                source.problem(
                    path, f"must not contain HTML ({excerpt(shown, quote=False)}); use Markdown"
                )
            )
        for target in _LINK_TARGET.findall(text) + _AUTOLINK.findall(text):
            if not is_safe_url(target):
                problems.append(
                    source.problem(
                        path, f"link {excerpt(target)} must start with https:, http: or mailto:"
                    )
                )
    return problems


def _strings(value: object, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, str(key)))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, (*path, str(i)))


def listed(data: dict, key: str, kind: type) -> list[tuple[int, Any]]:
    """(index, item) for each item of type `kind` under `key`.

    The cross-file checks run even where the schema failed, so that every problem shows at
    once; anything of another shape has been reported by the schema and is skipped here.
    """
    value = data.get(key)
    return (
        [(i, item) for i, item in enumerate(value) if isinstance(item, kind)]
        if isinstance(value, list)
        else []
    )


def ids(data: dict, key: str) -> list[Any]:
    return [item.get("id") for _, item in listed(data, key, dict)]


def check_levels(model: Source) -> list[Problem]:
    problems = []
    seen: list[object] = []
    for index, level in listed(model.data, "levels", dict):
        if "id" in level and level["id"] != index:
            problems.append(
                model.problem(
                    ("levels", str(index), "id"),
                    f"must be {index}: levels are numbered from 0, lowest first",
                )
            )
        if level.get("name") in seen:
            problems.append(
                model.problem(("levels", str(index), "name"), "is already used by another level")
            )
        seen.append(level.get("name"))
    return problems


def check_area_list(
    model: Source, files: set[str], areas: dict[str, Source], areas_dir: str
) -> list[Problem]:
    """`files`: the ids of every area file; `areas`: those that could be read."""
    problems = []
    seen: list[str] = []
    for index, area_id in listed(model.data, "areas", str):
        path = ("areas", str(index))
        if area_id in seen:
            problems.append(model.problem(path, f"lists {excerpt(area_id)} twice"))
        elif area_id not in files:
            file = f"{areas_dir}/{excerpt(area_id, quote=False)}.yml"
            problems.append(model.problem(path, f"{excerpt(area_id)} has no file {file}"))
        seen.append(area_id)
    for file_id, source in areas.items():
        if file_id not in seen:
            problems.append(
                source.problem((), f"'{file_id}' is not listed under areas in {model.file}")
            )
        if source.data.get("id", file_id) != file_id:
            problems.append(source.problem(("id",), f"must be '{file_id}', the file's name"))
    return problems


def check_area_levels(area: Source, level_ids: list[int]) -> list[Problem]:
    levels = area.data.get("levels")
    if not isinstance(levels, dict) or not level_ids:
        return []
    problems = []
    expected = f"the model's levels are {level_ids[0]} to {level_ids[-1]}"
    keys = {str(k) for k in levels}
    for level_id in level_ids:
        if str(level_id) not in keys:
            problems.append(area.problem(("levels", str(level_id)), f"is required ({expected})"))
    for key in sorted(keys - {str(i) for i in level_ids}):
        problems.append(area.problem(("levels", key), f"is not a level of the model ({expected})"))
    top, lower = str(level_ids[-1]), {str(i) for i in level_ids[:-1]}
    for key, cell in levels.items():
        if isinstance(cell, dict):
            problems.extend(
                _check_cell(
                    area,
                    ("levels", str(key)),
                    cell,
                    is_top=str(key) == top,
                    is_lower=str(key) in lower,
                )
            )
    return problems


def _check_cell(
    area: Source, path: tuple[str, ...], cell: dict, is_top: bool, is_lower: bool
) -> list[Problem]:
    problems = []
    if is_top and "next_steps" in cell:
        problems.append(
            area.problem(
                (*path, "next_steps"), "the top level has no level above it; remove next_steps"
            )
        )
    elif is_lower and "next_steps" not in cell:
        problems.append(
            area.problem(
                (*path, "next_steps"), "is required: say how a team reaches the next level"
            )
        )
    summary = cell.get("summary")
    if not isinstance(summary, str) or not summary.strip():
        return problems
    if _LINK_TARGET.search(summary) or _AUTOLINK.search(summary):
        problems.append(
            area.problem(
                (*path, "summary"),
                "must not contain a link: the whole cell links to its "
                "level; put links in practices or next_steps",
            )
        )
    words = len(summary.split())
    low, high = SUMMARY_WORDS
    if not low <= words <= high:
        problems.append(
            area.problem(
                (*path, "summary"), f"has {words} words; write {low} to {high} so it fits its cell"
            )
        )
    return problems


def check_unique_ids(source: Source, key: str) -> list[Problem]:
    problems = []
    seen: list[object] = []
    for index, item in listed(source.data, key, dict):
        if item.get("id") in seen:
            problems.append(
                source.problem(
                    (key, str(index), "id"), f"{excerpt(item.get('id'))} is already used above"
                )
            )
        seen.append(item.get("id"))
    return problems


def check_principle_refs(area: Source, known: list[object], principles_file: str) -> list[Problem]:
    return [
        area.problem(
            ("principles", str(index)), f"{excerpt(ref)} is not a principle in {principles_file}"
        )
        for index, ref in listed(area.data, "principles", str)
        if ref not in known
    ]


def check_links(area: Source, level_ids: list[int]) -> list[Problem]:
    """Ids are unique in the file; every next step leads to practices of the level directly
    above; every practice above the lowest level is led to by a step, or says why not."""
    levels = area.data.get("levels")
    if not isinstance(levels, dict) or not level_ids:
        return []
    keys = [str(level_id) for level_id in level_ids]
    if sorted(str(key) for key in levels) != sorted(keys):
        return []  # check_area_levels has named the missing or extra level; links wait for it
    cells = {str(key): cell for key, cell in levels.items() if isinstance(cell, dict)}
    problems, practice_level = _check_ids(area, cells, keys)
    led_to: set[str] = set()
    for level, above in zip(keys, keys[1:], strict=False):
        for index, step in listed(cells.get(level, {}), "next_steps", dict):
            for number, target in listed(step, "leads_to", str):
                path = ("levels", level, "next_steps", str(index), "leads_to", str(number))
                found = practice_level.get(target)
                if found is None:
                    problems.append(
                        area.problem(
                            path, f"{excerpt(target)} is not the id of a practice in this file"
                        )
                    )
                elif found != above:
                    problems.append(
                        area.problem(
                            path,
                            f"{excerpt(target)} is a practice of level {found}; a step of level "
                            f"{level} leads to level {above}, one level up, never further",
                        )
                    )
                else:
                    led_to.add(target)
    for below, level in zip([None, *keys], keys, strict=False):
        if below is not None and "next_steps" not in cells.get(below, {}):
            continue  # the missing next_steps are reported once, not once per practice above
        for index, practice in listed(cells.get(level, {}), "practices", dict):
            practice_id = practice.get("id")
            if not isinstance(practice_id, str) or practice_level.get(practice_id) != level:
                continue  # a wrong or duplicate id, already reported
            issue = _coverage(below, practice, led_to)
            if issue:
                key, message = issue
                problems.append(
                    area.problem(("levels", level, "practices", str(index), key), message)
                )
    return problems


def _coverage(below: str | None, practice: dict, led_to: set[str]) -> tuple[str, str] | None:
    """(key, message) if the practice is not led to and does not say why, or says so needlessly."""
    practice_id, marked = practice.get("id"), "reached_by" in practice
    if marked and below is None:
        return "reached_by", "teams start at the lowest level, so no step leads here; remove it"
    if marked and practice_id in led_to:
        return "reached_by", f"a next step of level {below} leads here already; remove it"
    if below is not None and not marked and practice_id not in led_to:
        return "id", (
            f"no next step of level {below} leads to {excerpt(practice_id)}: add it to a step's "
            "leads_to, or say in reached_by why no step is needed"
        )
    return None


def _check_ids(
    area: Source, cells: dict[str, dict], keys: list[str]
) -> tuple[list[Problem], dict[str, str]]:
    """Duplicate ids of practices and next steps, and the level of each practice's id."""
    problems = []
    first_use: dict[str, tuple[str, ...]] = {}
    practice_level: dict[str, str] = {}
    for level in keys:
        for kind in ("practices", "next_steps"):
            for index, item in listed(cells.get(level, {}), kind, dict):
                item_id = item.get("id")
                if not isinstance(item_id, str):
                    continue  # the schema has said what is wrong with it
                path = ("levels", level, kind, str(index), "id")
                if item_id in first_use:
                    problems.append(
                        area.problem(
                            path,
                            f"{excerpt(item_id)} is already used on line "
                            f"{area.line(first_use[item_id])}; "
                            "every practice and next step needs its own id",
                        )
                    )
                    continue
                first_use[item_id] = path
                if kind == "practices":
                    practice_level[item_id] = level
    return problems, practice_level
