"""The build's PDFs: rendered beside the page build, reused while their inputs stay the same."""

import dataclasses
import subprocess
import sys
from pathlib import Path

from scripts.render import installed, pdf_cache, urls
from scripts.source.load import load_model
from tests.conftest import ROOT, mkdocs_build

MODEL = load_model(ROOT / "data")
SITE_URL = "https://example.org/"


def entries(project: Path) -> list[Path]:
    return sorted((project / "build" / "cache" / "pdf").iterdir())


def entry_of(project: Path, site: Path) -> Path:
    """The cache entry the site's English PDFs came from (each language has its own)."""
    return next(
        entry
        for entry in entries(project)
        if all((entry / n).read_bytes() == (site / n).read_bytes() for n in urls.PDF_FILES.values())
    )


def test_the_key_follows_every_input(monkeypatch):
    base = pdf_cache.key(MODEL, SITE_URL)
    assert pdf_cache.key(MODEL, SITE_URL) == base
    retitled = dataclasses.replace(MODEL, title=MODEL.title + " 2")
    assert pdf_cache.key(retitled, SITE_URL) != base
    assert pdf_cache.key(MODEL, "https://example.com/") != base
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    assert pdf_cache.key(MODEL, SITE_URL) != base
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert pdf_cache.key(MODEL, SITE_URL) == base
    # HarfBuzz and fontTools subset the fonts into different bytes.
    found = installed.library("harfbuzz-subset")
    monkeypatch.setattr(
        installed, "library", lambda name: "" if found else "libharfbuzz-subset.so.0"
    )
    assert pdf_cache.key(MODEL, SITE_URL) != base


def test_the_pdf_workers_import_of_the_command_line_is_light():
    """multiprocessing imports the __main__ module again in every worker, and `make site`'s
    is scripts.cli: that import must not pull in the generator, the loader or WeasyPrint."""
    heavy = ("scripts.generate", "scripts.source.load", "scripts.source.validate", "jinja2")
    heavy += ("jsonschema", "weasyprint", "yaml")
    code = f"import sys, scripts.cli; print([m for m in sys.modules if m.startswith({heavy})])"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_a_second_build_reuses_the_pdfs_and_a_data_change_renders_anew(
    project: Path, tmp_path: Path
):
    first = mkdocs_build(project, tmp_path / "one")
    assert first.returncode == 0, first.stderr
    entry = entry_of(project, tmp_path / "one")
    stored = {p.name: p.stat().st_mtime_ns for p in entry.iterdir()}
    assert sorted(stored) == sorted(urls.PDF_FILES.values())

    again = mkdocs_build(project, tmp_path / "two")
    assert again.returncode == 0, again.stderr
    assert {p.name: p.stat().st_mtime_ns for p in entry.iterdir()} == stored  # not re-rendered
    for name in stored:
        assert (tmp_path / "two" / name).read_bytes() == (entry / name).read_bytes()

    meetings = project / "data" / "areas" / "meetings.yml"
    meetings.write_text(meetings.read_text().replace("title: Meetings", "title: Team meetings"))
    changed = mkdocs_build(project, tmp_path / "three")
    assert changed.returncode == 0, changed.stderr
    assert entry_of(project, tmp_path / "three") != entry
    assert (tmp_path / "three" / urls.PDF_FILES["a4"]).read_bytes() != (
        entry / urls.PDF_FILES["a4"]
    ).read_bytes()


def test_an_overview_that_cannot_fit_fails_before_any_page_is_written(
    project: Path, tmp_path: Path
):
    # Type that ignores the fit loop's root size cannot step down, as if a template
    # change made the overview too big at any size.
    css = project / "scripts" / "render" / "templates" / "onepager.css"
    css.write_text(css.read_text() + "\ntd, th { font-size: 30pt !important; }\n")
    out = tmp_path / "out"
    result = mkdocs_build(project, out)
    assert result.returncode != 0
    assert "does not fit one page even at 7 pt" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists() or list(out.rglob("*.*")) == []
    assert entries(project)
    assert [list(entry.iterdir()) for entry in entries(project)] == [[]] * len(entries(project))
