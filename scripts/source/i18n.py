"""Translations: per-language overlays on the English model, field by field.

A language is a folder `data/i18n/<lang>/` mirroring the English files it translates
(`model.yml`, `areas/<id>.yml`, `guide/principles.yml`, `guide/channels.yml`). An overlay
holds only the fields someone has translated, keyed as in the English file but with list
items keyed by their stable ids, never by position:

    levels:
      2:
        practices:
          handbook-linked:          # the practice's id; its text is the field
            source: 1a2b3c4d        # fingerprint of the English, from `i18n stamp`
            text: Cada llamada recurrente enlaza ...

Every field an overlay leaves out stays English. A field whose `source` no longer matches
the English it was translated from is stale: it is still shown, with a warning for the
build and a note for the reader. A key English does not have, a text of the wrong type or
a translation that links elsewhere than the English are errors, on their file and line.
"""

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from scripts.model import Area, Cell, Model
from scripts.render.language import interface_strings
from scripts.source import validate
from scripts.source.problems import ModelError, Problem, excerpt
from scripts.source.yaml_source import Path_
from scripts.source.yaml_source import Source as YamlSource
from scripts.source.yaml_source import load as load_yaml

FOLDER = "i18n"
INTERFACE = "interface.yml"  # the templates' strings: English text -> translation
INTERFACE_KEY_MAX = 300  # characters: an English sentence of the interface, under 30 words
SOURCE, TEXT = "source", "text"
TRANSLATED, STALE, MISSING = "translated", "stale", "missing"
STATES = (TRANSLATED, STALE, MISSING)
_FINGERPRINT = re.compile(r"[0-9a-f]{8}")
_NUMBER_LIKE = re.compile(r"[0-9]+(?:e[0-9]+)?")
_PLACES = re.compile(r"\{\w+\}")  # what an interface string's code fills in: {area}, {count}

English = str | tuple[str, ...]
# (overlay file relative to data/i18n/<lang>/, field path in it) -> value
Fields = dict[tuple[str, Path_], English]


def fingerprint(english: English) -> str:
    """What a translation records of the English it translates. Whitespace is ignored, so
    rewrapping a long English text does not make its translations stale."""
    items = (english,) if isinstance(english, str) else english
    text = "\n".join(" ".join(item.split()) for item in items)
    return hashlib.sha256(text.encode()).hexdigest()[:8]


def _walk(model: Model, look: Callable[[str, Path_, Any], Any]) -> Model:
    """The model with every translatable field replaced by `look(file, path, english)`: the
    one description of which fields translate and where an overlay keeps them."""

    def fields(record, file: str, prefix: Path_, names: Iterable[str]):
        return replace(record, **{n: look(file, (*prefix, n), getattr(record, n)) for n in names})

    levels = tuple(
        fields(level, "model.yml", ("levels", str(level.id)), ("name", "summary"))
        for level in model.levels
    )

    def cell(area_file: str, original: Cell) -> Cell:
        prefix = ("levels", str(original.level.id))
        return replace(
            fields(original, area_file, prefix, ("summary",)),
            level=levels[original.level.id],
            practices=tuple(
                replace(p, text=look(area_file, (*prefix, "practices", p.id), p.text))
                for p in original.practices
            ),
            next_steps=tuple(
                replace(s, text=look(area_file, (*prefix, "next_steps", s.id), s.text))
                for s in original.next_steps
            ),
        )

    def area(original: Area) -> Area:
        file = f"areas/{original.id}.yml"
        translated = fields(original, file, (), ("title", "summary", "why"))
        return replace(translated, cells=tuple(cell(file, c) for c in original.cells))

    def guide(entries: tuple, key: str, names: tuple[str, ...]) -> tuple:
        """The entries of data/guide/<key>.yml, each found in its overlay by its id."""
        return tuple(fields(e, f"guide/{key}.yml", (key, e.id), names) for e in entries)

    return replace(
        fields(model, "model.yml", (), ("title", "summary", "copyright")),
        levels=levels,
        # Sources have no id: an overlay keys them by position, as `sources: {1: relation: ...}`.
        sources=tuple(
            fields(s, "model.yml", ("sources", str(n)), ("relation",)) if s.relation else s
            for n, s in enumerate(model.sources)
        ),
        areas=tuple(area(a) for a in model.areas),
        principles=guide(
            model.principles, "principles", ("name", "summary", "in_practice", "example", "pitfall")
        ),
        channels=guide(
            model.channels, "channels", ("name", "summary", "use_for", "not_for", "tips")
        ),
    )


def english_fields(model: Model) -> Fields:
    """Every translatable field of the English model, keyed as the overlays key it."""
    found: Fields = {}

    def record(file: str, path: Path_, english: English) -> English:
        found[(file, path)] = english
        return english

    _walk(model, record)
    return found


@dataclass(frozen=True)
class Translation:
    """The model in one language, and where each of its fields stands."""

    lang: str
    model: Model
    status: dict[tuple[str, Path_], str]  # every translatable field: TRANSLATED, STALE, MISSING
    lines: dict[tuple[str, Path_], int] = field(default_factory=dict)  # of translated fields
    warnings: tuple[Problem, ...] = ()  # one per stale field
    strings: tuple[tuple[str, str], ...] = ()  # interface: English text -> translation

    def stale(self, file: str, prefix: Path_ = ()) -> bool:
        """Whether any field of `file` at or under `prefix` is stale."""
        return any(
            state == STALE and f == file and path[: len(prefix)] == prefix
            for (f, path), state in self.status.items()
        )

    def cell_stale(self, area_id: str, level_id: int) -> bool:
        return self.stale(f"areas/{area_id}.yml", ("levels", str(level_id)))

    def counts(self) -> dict[str, int]:
        states = list(self.status.values())
        return {state: states.count(state) for state in STATES}


def english(model: Model) -> Translation:
    """English as a Translation of itself: every field current, so views need no special case."""
    return Translation("en", model, dict.fromkeys(english_fields(model), TRANSLATED))


def languages(data_dir: Path) -> list[str]:
    folder = data_dir / FOLDER
    return sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []


def overlay_dir(data_dir: Path, lang: str) -> Path:
    return data_dir / FOLDER / lang


def load_translation(model: Model, data_dir: Path, lang: str) -> Translation:
    """`model` in `lang`; raises ModelError listing every problem of its overlays."""
    overlays, problems = read_overlays(model, data_dir, lang)
    if problems:
        raise ModelError(problems)
    status: dict[tuple[str, Path_], str] = {}
    lines: dict[tuple[str, Path_], int] = {}
    warnings: list[Problem] = []

    def look(file: str, path: Path_, original: English) -> English:
        source = overlays.get(file)
        leaf = _get(source.data, path) if source else None
        if source is None or leaf is None:
            status[(file, path)] = MISSING
            return original
        lines[(file, path)] = source.line(path)
        if leaf.get(SOURCE) == fingerprint(original):
            status[(file, path)] = TRANSLATED
        else:
            status[(file, path)] = STALE
            warnings.append(_stale_warning(source, path, lang, file, leaf.get(SOURCE)))
        text = leaf[TEXT]
        return text if isinstance(text, str) else tuple(text)

    translated = _walk(model, look)
    strings, unused = read_interface(data_dir, lang)
    return Translation(lang, translated, status, lines, tuple(sorted(warnings + unused)), strings)


def _stale_warning(source: YamlSource, path: Path_, lang: str, file: str, recorded) -> Problem:
    english_file = f"data/{file}"
    if recorded is None:
        message = f"has no `{SOURCE}` yet; check it against {english_file}, then"
    else:
        message = f"translates an earlier English text of {english_file}; update it, then"
    return source.problem(
        path, f"{message} run `python -m scripts.cli i18n stamp {lang} {file}:{'.'.join(path)}`"
    )


def _get(data: object, path: Path_) -> dict | None:
    for key in path:
        # YAML reads level keys as numbers; paths hold them as text.
        found = [v for k, v in data.items() if str(k) == key] if isinstance(data, dict) else []
        if not found:
            return None
        data = found[0]
    return data if isinstance(data, dict) else None


# ---------------------------------------------------------------- reading and checking


def read_overlays(
    model: Model, data_dir: Path, lang: str
) -> tuple[dict[str, YamlSource], list[Problem]]:
    """The overlays of `lang` that could be read, by file, and every problem in them."""
    folder = overlay_dir(data_dir, lang)
    display_root = data_dir.parent
    known = english_fields(model)
    files = {file for file, _ in known}
    problems: list[Problem] = []
    overlays: dict[str, YamlSource] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_dir():
            continue
        name = path.relative_to(folder).as_posix()
        display = path.relative_to(display_root).as_posix()
        if name == INTERFACE:
            problems += _interface(path, display)[1]
            continue
        if name not in files:
            expected = ", ".join(sorted(files))
            problems.append(Problem(display, 1, "", f"translates no English file; use {expected}"))
            continue
        source, found = load_yaml(path, display)
        problems += found
        if source is None:
            continue
        problems += validate.check_text(source)
        fields = {p: value for (f, p), value in known.items() if f == name}
        problems += _check(source, source.data, (), fields)
        overlays[name] = source
    return overlays, problems


def _check(source: YamlSource, data: object, path: Path_, fields: dict[Path_, English]):
    """Problems of the overlay's node at `path` against the English fields it may hold."""
    if path in fields:
        return _check_leaf(source, data, path, fields[path])
    if data is None and not path:
        return []  # a file of comments only translates nothing yet
    if not isinstance(data, dict):
        return [source.problem(path, "must be a mapping of keys, as in the English file")]
    problems = []
    for key, value in data.items():
        child = (*path, str(key))
        if not any(known[: len(child)] == child for known in fields):
            options = sorted({known[len(path)] for known in fields if known[: len(path)] == path})
            problems.append(
                source.problem(
                    child,
                    f"is not a translatable field of the English file; use one of "
                    f"{', '.join(options)}",
                )
            )
        else:
            problems += _check(source, value, child, fields)
    return problems


def _check_leaf(source: YamlSource, data: object, path: Path_, english: English):
    if not isinstance(data, dict) or TEXT not in data:
        return [source.problem(path, f"must be a mapping with `{TEXT}` (and `{SOURCE}`)")]
    problems = [
        source.problem((*path, key), f"is not known here; a field holds only {TEXT}, {SOURCE}")
        for key in data
        if key not in (TEXT, SOURCE)
    ]
    recorded = data.get(SOURCE)
    if recorded is not None and not (
        isinstance(recorded, str) and _FINGERPRINT.fullmatch(recorded)
    ):
        problems.append(
            source.problem(
                (*path, SOURCE),
                "must be the 8 characters `python -m scripts.cli i18n stamp` writes",
            )
        )
    text = data[TEXT]
    if isinstance(english, str):
        if not isinstance(text, str) or not text.strip():
            return [*problems, source.problem((*path, TEXT), "must be a text, as in English")]
        pairs = [(text, english)]
    else:
        if not (isinstance(text, list) and all(isinstance(t, str) and t.strip() for t in text)):
            return [*problems, source.problem((*path, TEXT), "must be a list of texts")]
        if len(text) != len(english):
            return [
                *problems,
                source.problem(
                    (*path, TEXT), f"has {len(text)} items; the English has {len(english)}"
                ),
            ]
        pairs = list(zip(text, english, strict=True))
    for translated, original in pairs:
        ours, theirs = _targets(translated), _targets(original)
        if ours != theirs:
            shown = ", ".join(excerpt(t) for t in theirs) or "nothing"
            problems.append(
                source.problem(
                    (*path, TEXT),
                    f"links to {', '.join(excerpt(t) for t in ours) or 'nothing'}; the English "
                    f"links to {shown}: keep the same targets",
                )
            )
    return problems


def _targets(text: str) -> list[str]:
    return sorted(validate._LINK_TARGET.findall(text) + validate._AUTOLINK.findall(text))


def read_interface(data_dir: Path, lang: str) -> tuple[tuple[tuple[str, str], ...], list[Problem]]:
    """The interface strings of `lang`, and a warning for each that no template uses any
    more (after an English rewording: the string shows in English until it is updated)."""
    path = overlay_dir(data_dir, lang) / INTERFACE
    if not path.is_file():
        return (), []
    source, _ = _interface(path, path.relative_to(data_dir.parent).as_posix())
    if source is None or not isinstance(source.data, dict):
        return (), []  # read_overlays reports why
    used = interface_strings()
    data = source.data
    unused = [
        source.problem(
            (english,),
            "no template shows this English text any more; translate the text that replaced it",
        )
        for english in data
        if english not in used
    ]
    return tuple(sorted(data.items())), unused


def _interface(path: Path, display: str) -> tuple[YamlSource | None, list[Problem]]:
    source, problems = load_yaml(path, display, INTERFACE_KEY_MAX)
    if source is None:
        return None, problems
    problems += validate.check_text(source)
    if source.data is not None and not isinstance(source.data, dict):
        return None, [
            *problems,
            source.problem((), "must map each English text to its translation"),
        ]
    for english, text in (source.data or {}).items():
        if not isinstance(text, str) or not text.strip():
            problems.append(source.problem((str(english),), "must be a text"))
            continue
        # The page fills these in by name: one lost or misspelt would stop the build or
        # leave "{area}" on the page.
        want, have = (sorted(_PLACES.findall(t)) for t in (str(english), text))
        if want != have:
            message = f"must hold {', '.join(want) or 'no {name}'}, as the English does"
            problems.append(
                source.problem((str(english),), f"{message}, not {', '.join(have) or 'none'}")
            )
    return source, problems


# ---------------------------------------------------------------- stamping


def stamp(model: Model, data_dir: Path, lang: str, only: list[str]) -> list[str]:
    """Record the current English's fingerprint on translated fields, in place, line by line
    so comments and wrapping stay. With `only` empty, fields that have no `source` yet;
    otherwise the fields each `file` or `file:dotted.path` names (a prefix stamps every
    field under it). Returns one line per stamped field."""
    overlays, problems = read_overlays(model, data_dir, lang)
    if problems:
        raise ModelError(problems)
    known = english_fields(model)
    done = []
    for file, source in overlays.items():
        edits: dict[int, str] = {}
        inserts: dict[int, str] = {}
        text_lines = (overlay_dir(data_dir, lang) / file).read_text(encoding="utf-8")
        lines = text_lines.splitlines(keepends=True)
        for (f, path), original in known.items():
            leaf = _get(source.data, path) if f == file else None
            if leaf is None or not _chosen(file, path, leaf, only):
                continue
            value = fingerprint(original)
            if leaf.get(SOURCE) == value:
                continue
            # Quoted where a YAML reader could take it for a number: 12345678, 1e345678.
            written = f'"{value}"' if _NUMBER_LIKE.fullmatch(value) else value
            if SOURCE in leaf:
                number = source.lines[(*path, SOURCE)] - 1
                edits[number] = re.sub(rf"({SOURCE}:\s*)\S+", rf"\g<1>{written}", lines[number])
            else:
                # A list's line is that of its first item; its `text:` key is at or above it.
                number = source.lines[(*path, TEXT)] - 1
                while not re.match(rf"\s*{TEXT}:", lines[number]):
                    number -= 1
                indent = lines[number][: len(lines[number]) - len(lines[number].lstrip())]
                inserts[number] = f"{indent}{SOURCE}: {written}\n"
            done.append(f"{source.file}: {'.'.join(path)}: {value}")
        if not edits and not inserts:
            continue
        out = []
        for number, line in enumerate(lines):
            out.append(inserts.get(number, ""))
            out.append(edits.get(number, line))
        (overlay_dir(data_dir, lang) / file).write_text("".join(out), encoding="utf-8")
    return done


def _chosen(file: str, path: Path_, leaf: dict, only: list[str]) -> bool:
    if not only:
        return SOURCE not in leaf
    dotted = ".".join(path)
    for choice in only:
        name, _, prefix = choice.partition(":")
        if name == file and (not prefix or dotted == prefix or dotted.startswith(prefix + ".")):
            return True
    return False
