"""MkDocs hook for `make serve` (`mkdocs serve -f build/serve.yml`, which the generator
writes): every rebuild runs the generator first, so a saved YAML file, page or template
shows at once. The site does not depend on it: build/mkdocs.yml builds the same site with
no hook (`make site` does that, and so do ProperDocs and Zensical in the tests).

- on_config: generate build/ (checking the data first) and build its tree and nav; the PDFs
  render in worker processes while MkDocs renders the pages;
- on_env: wait for the PDFs before MkDocs copies the tree's files, and keep the theme's
  compiled templates in build/cache/jinja/ for the next rebuild;
- on_serve: watch the sources, not the tree the generator rewrites, and poll for saved
  files every 0.1 s instead of MkDocs' fixed 0.5 s;
- on_post_page: while the data has problems, show them at the top of every page.

Bad data must not stall the browser: MkDocs holds every request while a rebuild has
failed. So a save with problems renders the last good tree again (build/mkdocs.yml and
build/docs are only written from valid data), with the problems on each page, and the
next good save replaces it.
"""

import logging
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from scripts import generate
from scripts.render import jinja_cache, problem_banner
from scripts.source.problems import ModelError, Problem

ROOT = Path(__file__).resolve().parents[2]
POLL_SECONDS = 0.1
# Info, not warning: a strict build fails on a warning, and these never stop one.
log = logging.getLogger("mkdocs.hooks.amm")
_pending: generate.Pending | None = None
_told: set[str] = set()
_problems: list[Problem] = []  # of the last save; the pages show them while there are any


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _pending
    _pending = None
    try:
        _pending = generate.start(ROOT, serve_language=_served(config))
    except ModelError as error:
        return _last_good(config, error)
    # Serving is for reading the pages: without Pango they still show, each PDF a note.
    _pending.pdfs_optional = True
    for warning in _pending.warnings:  # stale translations, which never stop a build
        log.info("warning: %s", warning)
    # MkDocs lists the tree's files right after this and copies them after on_env, so the
    # PDFs can be written then, over the last build's; a first build has none to list.
    if generate.has_pdfs(_pending):
        tree = generate.write_pages(_pending)
    else:
        try:
            tree = generate.finish(_pending)
        except ModelError as error:  # an overview that does not fit: nothing was written
            return _last_good(config, error)
    _problems.clear()
    config.docs_dir = str(tree.docs)
    config.nav = tree.settings["nav"]
    config.extra.update(tree.settings["extra"])
    return config


def _served(config: MkDocsConfig) -> str | None:
    """The language serve.yml has the i18n plugin build besides English; None for all."""
    plugin = config.plugins.get("i18n")
    languages = plugin.config.languages if plugin else []
    if all(language.build for language in languages):
        return None
    built = [lang.locale for lang in languages if lang.build and not lang.default]
    return built[0] if built else next(lang.locale for lang in languages if lang.default)


def on_env(env, config: MkDocsConfig, files):
    if _pending is not None:
        try:
            generate.write_pdfs(_pending)
        except ModelError as error:  # the pages are new; the PDFs stay the last good ones
            _show(error)
    if _pending and _pending.pdf_missing and _pending.pdf_missing not in _told:
        _told.add(_pending.pdf_missing)  # once, not once per language or per save
        log.info(_pending.pdf_missing)
    cache = ROOT / "build" / "cache" / "jinja"
    env.bytecode_cache = jinja_cache.on_disk(env, cache)
    return env


def on_serve(server, config: MkDocsConfig, builder):
    """Polling itself stays: it works on every file system, and listing this project's few
    hundred files is cheap. MkDocs 1.6 offers no setting for the interval, so this sets
    watchdog's on the observer (for the watches still to come from mkdocs.yml's `watch:`)
    and on the emitters that already exist; where a MkDocs fork lacks them, the default
    interval stays."""
    server.unwatch(config.docs_dir)
    for poller in (server.observer, *getattr(server.observer, "emitters", ())):
        if hasattr(poller, "_timeout"):
            poller._timeout = POLL_SECONDS
    return server


def on_post_page(output: str, page, config: MkDocsConfig) -> str:
    return problem_banner.add_panel(output, _problems) if _problems else output


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if _problems and template_name == "404.html":
        return problem_banner.add_panel(output, _problems)
    return output


def _last_good(config: MkDocsConfig, error: ModelError) -> MkDocsConfig:
    """`config` as MkDocs read it, which is the last good build's; with nothing built yet
    there is nothing to show, and the terminal says why."""
    if not (Path(config.docs_dir) / "index.md").is_file():
        raise PluginError(error.report()) from None
    _show(error)
    return config


def _show(error: ModelError) -> None:
    _problems[:] = error.problems
    # Not through the log: in a strict build every warning fails it, and this must not.
    print(f"{error.report()}\nThe browser shows the last good build with these.", file=sys.stderr)
