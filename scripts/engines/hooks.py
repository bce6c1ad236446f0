"""MkDocs hooks: the thin shell that wires the core into `mkdocs build` and `mkdocs serve`.

- on_config: load and validate data/ (every problem, file:line, before anything is
  written), add one nav entry per area, in the order of data/model.yml, and start the
  one-page PDFs, which render in worker processes (or come from .cache/) while MkDocs
  builds the pages;
- on_files: add each area's page, the PDFs, model.json and its schema as generated files;
- on_page_markdown: point the edit button of a page built from data at its YAML file;
- on_env: wait for the PDFs, the last moment before MkDocs writes any file, so an
  overview that does not fit still fails the build before a half-built site is written;
  and keep the theme's compiled templates in .cache/jinja/ for the next build;
- on_serve: look for saved files more often than MkDocs does.
"""

import os.path
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from scripts.engines import jinja_cache
from scripts.render import export, pdf_cache, urls, views
from scripts.source.changelog import load_changelog
from scripts.source.load import load_model
from scripts.source.problems import ModelError

AREAS_INDEX = "areas/index.md"
POLL_SECONDS = 0.1
_pdf_job: pdf_cache.Job | None = None


@event_priority(100)  # before mkdocs-macros copies config.extra into its variables
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _pdf_job
    data_dir = Path(config.config_file_path).parent / "data"
    try:
        model = load_model(data_dir)
        config.extra["releases"] = load_changelog(model, data_dir)
    except ModelError as error:
        raise PluginError(error.report()) from None
    config.extra["model"] = model
    views_env = views.environment()
    views_env.bytecode_cache = jinja_cache.on_disk(views_env, _cache(config) / "jinja")
    config.extra["pdf_files"] = urls.PDF_FILES  # for the download banner in overrides/
    section = _nav_section(config.nav or [], AREAS_INDEX)
    if section is None:
        raise PluginError(
            f"mkdocs.yml: nav must list {AREAS_INDEX}; the area pages are added after it"
        )
    section.extend({area.title: _area_src(area.id)} for area in model.areas)
    # As early as the model is known: the PDFs take longer than the pages.
    _pdf_job = pdf_cache.start(model, config.site_url or "", _cache(config) / "pdf")
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    model = config.extra["model"]
    for area in model.areas:
        src = _area_src(area.id)
        if files.get_file_from_path(src):
            raise PluginError(
                f"{config.docs_dir}/{src}: area pages are built from {area.source_file}; "
                "delete this file"
            )
        files.append(File.generated(config, src, content=views.area_page(model, area)))
    for name, path in _pdf_job.files.items():  # copied after on_env, once they exist
        files.append(File.generated(config, name, abs_src_path=str(path)))
    for name, content in export.files(model, config.site_url or "").items():
        files.append(File.generated(config, name, content=content))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Point the edit button at the YAML file that holds the page's text, where there is one.

    Area pages are built from their area file; a hand-written page that shows data names
    its file in front matter, e.g. `data_file: data/guide/principles.yml`.
    """
    areas = {_area_src(a.id): a.source_file for a in config.extra["model"].areas}
    source = areas.get(page.file.src_uri) or page.meta.get("data_file")
    if source and config.edit_uri:
        docs = os.path.relpath(config.docs_dir, os.path.dirname(config.config_file_path))
        page.edit_url = urljoin(config.edit_uri, os.path.relpath(source, docs))
    return markdown


def on_env(env, config: MkDocsConfig, files: Files):
    try:
        pdf_cache.finish(_pdf_job, _cache(config) / "pdf")
    except pdf_cache.DoesNotFit as error:
        raise PluginError(str(error)) from None
    env.bytecode_cache = jinja_cache.on_disk(env, _cache(config) / "jinja")
    return env


def on_serve(server, config: MkDocsConfig, builder):
    """Poll every 0.1 s instead of MkDocs' fixed 0.5 s, which alone added 0.25 s on average
    between saving a file and the rebuild starting. Polling itself stays: it works on every
    file system, and listing this project's few hundred files is cheap. MkDocs 1.6 offers no
    setting, so this sets watchdog's interval on the observer (for the watches still to
    come from mkdocs.yml's `watch:`) and on the emitters that already exist (docs_dir and
    mkdocs.yml); where a MkDocs fork lacks them, the default interval stays."""
    for poller in (server.observer, *getattr(server.observer, "emitters", ())):
        if hasattr(poller, "_timeout"):
            poller._timeout = POLL_SECONDS
    return server


def _cache(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / ".cache"


def _area_src(area_id: str) -> str:
    return f"areas/{area_id}.md"


def _nav_section(items: list, entry: str) -> list | None:
    """The nav list that holds `entry`, searched through nested sections."""
    for item in items:
        if item == entry:
            return items
        children = next(iter(item.values())) if isinstance(item, dict) else None
        if isinstance(children, list) and (found := _nav_section(children, entry)) is not None:
            return found
    return None
