"""Read data/ into a Model, or raise ModelError listing every problem."""

from collections.abc import Callable
from dataclasses import is_dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar, cast, get_args, get_origin, get_type_hints

from scripts.model import Area, Cell, Channel, Level, Model, Principle, Source, data_fields
from scripts.source import spans, validate
from scripts.source.problems import ModelError, Problem
from scripts.source.yaml_source import LINKED, first_link
from scripts.source.yaml_source import Source as YamlSource
from scripts.source.yaml_source import load as load_yaml

DATA = Path(__file__).resolve().parents[2] / "data"
T = TypeVar("T")


def load_model(data_dir: Path = DATA) -> Model:
    data_dir = Path(data_dir)
    reader = Reader(data_dir.parent)
    model = reader.read(data_dir / "model.yml", "model")
    area_dir = data_dir / "areas"
    areas = {path.stem: reader.read(path, "area") for path in sorted(area_dir.glob("*.yml"))}
    readable = {area_id: source for area_id, source in areas.items() if source is not None}
    for stray in sorted(area_dir.glob("*.yaml")):
        reader.problems.append(Problem(reader.name(stray), 1, "", "rename it to .yml"))
    principles = reader.read(data_dir / "guide" / "principles.yml", "principles")
    channels = reader.read(data_dir / "guide" / "channels.yml", "channels")

    problems = reader.problems
    if model is not None:
        problems += validate.check_levels(model)
        problems += validate.check_area_list(model, set(areas), readable, reader.name(area_dir))
        level_ids = validate.ids(model.data, "levels")
        if not all(isinstance(i, int) for i in level_ids):
            level_ids = []  # areas are checked against the levels once those are sound
        for source in readable.values():
            problems += validate.check_area_levels(source, level_ids)
            problems += validate.check_links(source, level_ids)
    if principles is not None:
        problems += validate.check_unique_ids(principles, "principles")
        known = validate.ids(principles.data, "principles")
        for source in readable.values():
            problems += validate.check_principle_refs(source, known, principles.file)
    if channels is not None:
        problems += validate.check_unique_ids(channels, "channels")
    if problems:
        raise ModelError(problems)
    # No problems: every file was read, so none of these is None.
    assert model is not None and principles is not None and channels is not None
    lines = {i: spans.cell_spans(s, reader.root / s.file) for i, s in readable.items()}
    folder = reader.name(area_dir)
    return _build(model.data, readable, folder, principles.data, channels.data, lines)


class Reader:
    """Reads data files, collecting every problem rather than stopping at the first."""

    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []

    def name(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def read(
        self,
        path: Path,
        schema_name: str,
        missing: str = "is missing",
        prepare: Callable[[YamlSource], None] | None = None,
    ) -> YamlSource | None:
        """`prepare` adjusts the data before the schema sees it."""
        if link := first_link(path, self.root):
            self.problems.append(Problem(self.name(link), 1, "", LINKED))
            return None
        if not path.is_file():
            self.problems.append(Problem(self.name(path), 0, "", missing))
            return None
        source, found = load_yaml(path, self.name(path))
        self.problems += found
        if source is None:
            return None
        if prepare:
            prepare(source)
        self.problems += validate.check_schema(source, schema_name)
        self.problems += validate.check_text(source)
        return source if isinstance(source.data, dict) else None


def _build(
    data: dict,
    areas: dict[str, YamlSource],
    area_dir: str,
    principles: dict,
    channels: dict,
    lines: dict[str, dict[int, tuple[int, int]]],  # area -> level -> the cell's lines
) -> Model:
    levels = tuple(_record(Level, level) for level in data["levels"])
    return Model(
        title=data["title"],
        version=data["version"],
        summary=data["summary"],
        levels=levels,
        areas=tuple(
            _area(areas[area_id].data, levels, area_dir, lines[area_id])
            for area_id in data["areas"]
        ),
        copyright=data["copyright"],
        license_name=data["license"]["name"],
        license_url=data["license"]["url"],
        sources=tuple(_record(Source, source) for source in data["sources"]),
        principles=tuple(_record(Principle, p) for p in principles["principles"]),
        channels=tuple(_record(Channel, c) for c in channels["channels"]),
    )


def _area(data: dict, levels: tuple[Level, ...], area_dir: str, lines: dict) -> Area:
    cells_by_level = {int(k): v for k, v in data["levels"].items()}
    cells = tuple(
        _record(
            Cell, cells_by_level[level.id], area_id=data["id"], level=level, lines=lines[level.id]
        )
        for level in levels
    )
    return _record(Area, data, cells=cells, source_file=f"{area_dir}/{data['id']}.yml")


def _record(cls: type[T], raw: dict, **derived: Any) -> T:
    """`cls` from its YAML mapping, each data field read under its own name; a field the
    file leaves out gets None, or () for a list."""
    hints = _hints(cast(type, cls))
    values = {f.name: _value(hints[f.name], raw.get(f.name)) for f in data_fields(cls)}
    return cls(**values, **derived)


def _value(kind: Any, value: Any) -> Any:
    if get_origin(kind) is tuple:
        item_kind = get_args(kind)[0]
        return tuple(_value(item_kind, item) for item in value or ())
    if isinstance(kind, type) and is_dataclass(kind) and isinstance(value, dict):
        return _record(kind, value)
    return value


@cache
def _hints(cls: type) -> dict[str, object]:
    return get_type_hints(cls)
