"""The model as plain, immutable data: what the loader returns and every view reads.

The dataclasses below are the one list of each record's fields. The loader builds Cell and
Area from them, and model.json and `make diff` walk them, so a new field needs only the
schema, this file and a template. A field the YAML does not hold under its own name is
marked DERIVED.
"""

from dataclasses import Field, dataclass, field, fields

DERIVED = {"derived": True}


def data_fields(cls: type) -> tuple[Field, ...]:
    """The fields of `cls` that are read from a data file under their own names, in order."""
    return tuple(f for f in fields(cls) if not f.metadata.get("derived"))


@dataclass(frozen=True)
class Level:
    id: int
    name: str
    summary: str


@dataclass(frozen=True)
class Practice:
    """Something you could see a team at this level do."""

    id: str  # stays when the text is reworded or moved: assessments and translations key on it
    text: str
    # Why no next step of the level below leads here, in the rare case none needs to.
    reached_by: str | None = None


@dataclass(frozen=True)
class Step:
    """A next step: how a team moves from its level to the one above."""

    id: str
    text: str
    leads_to: tuple[str, ...]  # ids of practices of the level directly above


@dataclass(frozen=True)
class Cell:
    """One area at one level: the unit a reader links to and a team assesses itself by."""

    area_id: str = field(metadata=DERIVED)
    level: Level = field(metadata=DERIVED)
    summary: str
    practices: tuple[Practice, ...]
    next_steps: tuple[Step, ...]  # empty at the top level
    # First and last line of the cell in its area's file, for edit links. Left out of repr
    # and ==, which key the PDF cache: moving a cell down a file changes nothing it shows.
    lines: tuple[int, int] = field(default=(0, 0), metadata=DERIVED, repr=False, compare=False)

    def practice(self, practice_id: str) -> Practice:
        return next(p for p in self.practices if p.id == practice_id)


@dataclass(frozen=True)
class Area:
    id: str
    title: str
    summary: str
    why: str
    principles: tuple[str, ...]
    cells: tuple[Cell, ...] = field(metadata=DERIVED)  # lowest level first
    # repository-relative path of the YAML file, for edit links
    source_file: str = field(metadata=DERIVED)

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
