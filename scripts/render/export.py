"""The model as JSON for other tools: model.json and its schema, published at the site root.

The document mirrors the loaded Model (levels, areas, cells) and adds what a tool
cannot work out by itself: the absolute URL of every area and cell on the site.
Text fields are passed on as written in data/ (inline Markdown), never as HTML.
"""

import json
from dataclasses import is_dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urljoin

from scripts.model import Area, Cell, Model, data_fields
from scripts.render import urls

# The schema is kept apart from the YAML files' schemas (model.schema.json there describes
# data/model.yml); it is published under the name tools expect next to model.json.
SCHEMA_FILE = Path(__file__).resolve().parents[2] / "data" / "schemas" / "export.schema.json"
JSON_NAME = "model.json"
SCHEMA_NAME = "model.schema.json"
FORMAT_VERSION = 2  # bump when a field is renamed, removed or changes shape, so tools can tell


def document(model: Model, site_url: str, lang: str = "en") -> dict:
    """model.json as a dict; `site_url` is the published root, e.g. https://example.org/amm/,
    and `lang` the language of `model`'s text."""
    root = urls.site_root(site_url)
    return {
        "$schema": urljoin(root, SCHEMA_NAME),
        "format": FORMAT_VERSION,
        "language": lang,
        "title": model.title,
        "version": model.version,
        "summary": model.summary,
        "url": root,
        "license": {"name": model.license_name, "url": model.license_url},
        "copyright": model.copyright,
        "sources": [_fields(source) for source in model.sources],
        "downloads": {paper: urljoin(root, name) for paper, name in urls.PDF_FILES.items()},
        "levels": [_fields(level) for level in model.levels],
        "areas": [_area(area, root) for area in model.areas],
    }


def _area(area: Area, root: str) -> dict:
    return {
        **_fields(area),
        "url": urljoin(root, urls.area_path(area.id)),
        "cells": [_cell(cell, root) for cell in area.cells],
    }


def _cell(cell: Cell, root: str) -> dict:
    return {
        "level": cell.level.id,
        **_fields(cell),
        "url": urljoin(root, urls.cell_path(cell.area_id, cell.level.id)),
    }


def _fields(record: object) -> dict:
    """Every data field of `record` (model.py's list), lists and nested records included;
    a field left out of the data (None) is left out here too."""
    return {
        f.name: _json(getattr(record, f.name))
        for f in data_fields(type(record))
        if getattr(record, f.name) is not None
    }


def _json(value: object) -> object:
    if isinstance(value, tuple):
        return [_json(item) for item in value]
    if is_dataclass(value):
        return _fields(value)
    return value


@cache
def _schema_text() -> str:
    return SCHEMA_FILE.read_text(encoding="utf-8")


def schema(site_url: str) -> dict:
    """The export schema, with its $id set to where it is published."""
    published = json.loads(_schema_text())
    published["$id"] = urljoin(urls.site_root(site_url), SCHEMA_NAME)
    return published


def files(model: Model, site_url: str, lang: str = "en") -> dict[str, str]:
    """{file name at the site root: content} for the build to publish."""
    return {
        JSON_NAME: _dump(document(model, site_url, lang)),
        SCHEMA_NAME: _dump(schema(site_url)),
    }


def _dump(value: dict) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"
