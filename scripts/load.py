"""Read data/ into a Model, or raise ModelError listing every problem."""

from pathlib import Path

from . import validate
from .model import Area, Cell, Level, Model, Source
from .problems import ModelError, Problem
from .yaml_source import Source as YamlSource
from .yaml_source import load as load_yaml

DATA = Path(__file__).resolve().parent.parent / "data"


def load_model(data_dir: Path = DATA) -> Model:
    data_dir = Path(data_dir)
    root = data_dir.parent
    problems: list[Problem] = []

    def read(path: Path, schema_name: str) -> YamlSource | None:
        source, found = load_yaml(path, path.relative_to(root).as_posix())
        problems.extend(found)
        if source is None:
            return None
        schema_problems = validate.check_schema(source, schema_name)
        problems.extend(schema_problems)
        problems.extend(validate.check_text(source))
        return source if isinstance(source.data, dict) else None

    model_path = data_dir / "model.yml"
    if not model_path.is_file():
        raise ModelError([Problem(model_path.relative_to(root).as_posix(), 0, "", "is missing")])
    model = read(model_path, "model")
    area_dir = data_dir / "areas"
    areas = {path.stem: read(path, "area") for path in sorted(area_dir.glob("*.yml"))}
    for stray in sorted(area_dir.glob("*.yaml")):
        problems.append(Problem(stray.relative_to(root).as_posix(), 1, "", "rename it to .yml"))

    if model is not None:
        problems.extend(validate.check_levels(model))
        readable = {k: v for k, v in areas.items() if v is not None}
        problems.extend(
            validate.check_area_list(
                model, set(areas), readable, area_dir.relative_to(root).as_posix()
            )
        )
        level_ids = [lvl["id"] for lvl in model.data.get("levels", []) if isinstance(lvl, dict)]
        for source in readable.values():
            problems.extend(validate.check_area_levels(source, level_ids))
    if problems:
        raise ModelError(problems)
    return _build(model.data, areas, area_dir.relative_to(root).as_posix())


def _build(data: dict, areas: dict[str, YamlSource], area_dir: str) -> Model:
    levels = tuple(Level(lvl["id"], lvl["name"], lvl["summary"]) for lvl in data["levels"])
    return Model(
        title=data["title"],
        version=data["version"],
        summary=data["summary"],
        levels=levels,
        areas=tuple(_area(areas[area_id].data, levels, area_dir) for area_id in data["areas"]),
        copyright=data["copyright"],
        license_name=data["license"]["name"],
        license_url=data["license"]["url"],
        sources=tuple(Source(**source) for source in data["sources"]),
    )


def _area(data: dict, levels: tuple[Level, ...], area_dir: str) -> Area:
    cells_by_level = {int(k): v for k, v in data["levels"].items()}
    cells = tuple(
        Cell(
            area_id=data["id"],
            level=level,
            summary=cells_by_level[level.id]["summary"],
            practices=tuple(cells_by_level[level.id]["practices"]),
            next_steps=tuple(cells_by_level[level.id].get("next_steps", ())),
        )
        for level in levels
    )
    return Area(
        id=data["id"],
        title=data["title"],
        summary=data["summary"],
        why=data["why"],
        principles=tuple(data.get("principles", ())),
        cells=cells,
        source_file=f"{area_dir}/{data['id']}.yml",
    )
