"""The model as plain, immutable data: what the loader returns and every view reads."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Level:
    id: int
    name: str
    summary: str


@dataclass(frozen=True)
class Cell:
    """One area at one level: the unit a reader links to and a team assesses itself by."""

    area_id: str
    level: Level
    summary: str
    practices: tuple[str, ...]
    next_steps: tuple[str, ...]


@dataclass(frozen=True)
class Area:
    id: str
    title: str
    summary: str
    why: str
    principles: tuple[str, ...]
    cells: tuple[Cell, ...]  # lowest level first
    source_file: str  # repository-relative path of the YAML file, for edit links

    def cell(self, level_id: int) -> Cell:
        return self.cells[level_id]


@dataclass(frozen=True)
class Source:
    title: str
    author: str
    url: str
    license: str
    year: int | None = None
    relation: str | None = None


@dataclass(frozen=True)
class Principle:
    id: str
    name: str
    summary: str
    in_practice: str
    example: str
    pitfall: str


@dataclass(frozen=True)
class Channel:
    id: str
    name: str
    summary: str
    use_for: tuple[str, ...]
    not_for: tuple[str, ...]
    tips: tuple[str, ...]


@dataclass(frozen=True)
class Model:
    title: str
    version: str
    summary: str
    levels: tuple[Level, ...]  # lowest first
    areas: tuple[Area, ...]  # in the order of data/model.yml
    copyright: str
    license_name: str
    license_url: str
    sources: tuple[Source, ...]
    principles: tuple[Principle, ...] = ()  # the guide, in reading order
    channels: tuple[Channel, ...] = ()

    @property
    def levels_top_down(self) -> tuple[Level, ...]:
        return tuple(reversed(self.levels))

    def area(self, area_id: str) -> Area:
        return next(a for a in self.areas if a.id == area_id)

    def areas_drawing_on(self, principle_id: str) -> tuple[Area, ...]:
        return tuple(a for a in self.areas if principle_id in a.principles)
