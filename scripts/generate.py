"""Write the site's source tree: every page a real file, so that any engine can render it.

    python -m scripts.cli generate        # then: mkdocs build -f build/mkdocs.yml

From `content/` (hand-written pages), `data/` (the model) and the one `mkdocs.yml` a
person edits, this writes `build/`:

- `build/docs/`: the hand-written pages with their `{{ ... }}` calls already rendered, one
  page per area, the one-page PDFs, `model.json` and its schema, and the assets;
- `build/mkdocs.yml`: the engine's configuration, with the areas in the nav in the order of
  data/model.yml. MkDocs, ProperDocs and Zensical build the same tree from it.

Every page is an `index.md` in a folder of its own, so a relative link means the same
whether an engine resolves it from the page's address (MkDocs) or from its source file
(Zensical rewrites links in raw HTML that way). Each page names the file that holds its
text in its front matter (`edit_url`), which the theme's edit button reads on any engine.

The model is loaded and checked, and the PDFs are rendered, before anything is written:
bad data or an overview that does not fit leaves the last good tree as it was.
"""

import os
import posixpath
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlparse

import jinja2
import yaml

from scripts.render import (
    cells,
    export,
    language,
    pages,
    pdf_cache,
    placeholder,
    previews,
    social,
    status,
    urls,
    views,
    workers,
)
from scripts.render.pages import split_front_matter
from scripts.render.theme import words as theme_words
from scripts.source import i18n
from scripts.source.changelog import load_changelog
from scripts.source.load import load_model
from scripts.source.problems import ModelError, PdfUnavailable, Problem

ROOT = Path(__file__).resolve().parent.parent
CONFIG = "mkdocs.yml"
SERVE_CONFIG = "serve.yml"
AREAS_INDEX = "areas/index.md"
_SYMLINK = "is a symbolic link; the build reads only files inside the repository: copy the file"
PLACEHOLDER_TITLE = "The one-page overview was not built on this machine"
HEADER = "# Generated from ../mkdocs.yml by `python -m scripts.cli generate`: edit that file.\n"


@dataclass(frozen=True)
class Tree:
    """What was written: the folder an engine renders, and its configuration."""

    docs: Path
    config: Path
    settings: dict  # what the config file holds
    warnings: tuple[Problem, ...] = ()  # stale translations
    pdf_missing: str | None = None  # why the PDFs are notes (Pending.pdfs_optional)


def generate(
    root: Path = ROOT,
    out: Path | None = None,
    pdfs_optional: bool = False,
    serve_language: str | None = None,
) -> Tree:
    """Write the tree under `out` (default: root/build); ModelError lists what is wrong.
    With `pdfs_optional`, a machine without Pango gets notes in place of the PDFs; with
    `serve_language`, the tree is the serve build of that language (Pending.serve_language)."""
    pending = start(root, out, serve_language)
    pending.pdfs_optional = pdfs_optional
    return finish(pending)


@dataclass
class Pending:
    """A tree whose pages are known and whose PDFs may still be rendering."""

    root: Path
    out: Path
    files: dict[str, bytes]
    config: dict
    jobs: list[pdf_cache.Job]  # one per language
    images: dict[str, Callable[[], dict[str, bytes]]]  # a language's root -> its previews
    warnings: tuple[Problem, ...] = ()  # stale translations: shown, never a failure
    # Under `mkdocs serve` a machine without Pango still shows the pages: each PDF is then a
    # note saying why (render/placeholder.py), and `pdf_missing` says what to install.
    pdfs_optional: bool = False
    pdf_missing: str | None = None
    watch: tuple[str, ...] = ()  # mkdocs.yml's `watch:`, for serve.yml
    # `make serve` shows one language besides English (serve.yml has the i18n plugin build
    # only those) and renders only their PDFs: a save costs one or two languages' build.
    serve_language: str | None = None


def start(root: Path = ROOT, out: Path | None = None, serve_language: str | None = None) -> Pending:
    """Load and check everything, start the PDFs, and compose every page in memory.
    With `serve_language`, only English and that language are composed and rendered: the
    serve build of it, which is all that serve.yml has the engine build."""
    out = out or root / "build"
    if not (out / "cache").is_dir():  # a first build draws every PDF and preview image
        workers.warm()
    config = read_config(root / CONFIG)
    data = root / "data"
    model = load_model(data)
    releases = load_changelog(model, data)
    site_url = config.get("site_url") or ""
    translations = _translations(model, data, config)
    if serve_language and serve_language not in (t.lang for t in translations):
        known = ", ".join(t.lang for t in translations)
        raise ModelError(
            [Problem(CONFIG, 0, "", f"{serve_language} is not a language of the site ({known})")]
        )
    built = [t for t in translations if serve_language in (None, t.lang) or t is translations[0]]
    spoken = {t.lang: language_of(t) for t in built}  # what each one's views render with
    # Worker processes draw the preview images and the PDFs while the pages are composed
    # here: the images first, since a save under `make serve` waits for them, not the PDFs.
    images = {}
    for t in built:
        with language.using(spoken[t.lang]):
            images[_prefix(t)] = previews.start(t.model, out / "cache" / "previews" / t.lang)
    jobs = [
        pdf_cache.start(
            t.model,
            urljoin(urls.site_root(site_url), _prefix(t)),
            out / "cache" / "pdf",
            spoken[t.lang],
            _prefix(t),
        )
        for t in built
    ]
    docs_dir = root / config.get("docs_dir", "docs")
    views.keep_compiled(out / "cache" / "jinja")
    edit = _editor(config.get("edit_uri") or "", docs_dir, root)
    files: dict[str, bytes] = {}
    problems: list[Problem] = []
    codes = [t.lang for t in translations]
    for path in sorted(docs_dir.rglob("*")):
        name = path.relative_to(docs_dir).as_posix()
        if path.is_symlink():
            problems.append(Problem(_display(root, path), 0, "", _SYMLINK))
        elif path.is_file() and path.suffix != ".md":
            files[name] = path.read_bytes()
        elif path.is_file() and posixpath.basename(name) not in _page_names(codes):
            problems.append(_flat_page(root, path, name))
    # Pages link the assets from their own language's root.
    assets = dict(files)
    for translation in built:
        with language.using(spoken[translation.lang]):
            found = _language_files(root, docs_dir, translation, releases, config, edit)
        problems += found[1]
        own = {**assets, **found[0]}
        files.update({_prefix(translation) + name: page for name, page in own.items()})
    names = _language_names(config)
    for translation in built:
        with language.using(spoken[translation.lang]):
            body = status.page(translations[1:], names, edit, lambda f: (root / f).is_file())
            _, text = split_front_matter(body)
            head = body[: len(body) - len(text)]
            page = {status.PAGE: _page(edit(status.TEMPLATE), head, text)}
            problems += social.describe(page, translation.model, config, _prefix(translation))
        files[_prefix(translation) + status.PAGE] = page[status.PAGE]
    if problems:
        raise ModelError(problems)
    for translation in built:
        lang_url = urljoin(urls.site_root(site_url), _prefix(translation))
        for name, content in export.files(translation.model, lang_url, translation.lang).items():
            files[_prefix(translation) + name] = content.encode()
    watch = tuple(config.get("watch") or ())
    config = engine_config(config, root, out, _nav(config.get("nav") or [], model))
    config["plugins"] = _i18n_plugin(config.get("plugins") or [], translations, site_url)
    warnings = tuple(w for t in translations for w in t.warnings)
    return Pending(
        root,
        out,
        files,
        config,
        jobs,
        images,
        warnings,
        watch=watch,
        serve_language=serve_language,
    )


def _language_files(
    root: Path,
    docs_dir: Path,
    translation: i18n.Translation,
    releases: tuple,
    config: dict,
    edit,
) -> tuple[dict[str, bytes], list[Problem]]:
    """One language's pages, named from its own site root, and the problems found."""
    model = translation.model
    edit = _translated_editor(edit, root, translation.lang)
    files: dict[str, bytes] = {}
    problems: list[Problem] = []
    for path in sorted(docs_dir.rglob("index.md")):
        if path.is_symlink():
            continue  # reported once, for every language, by start
        name = path.relative_to(docs_dir).as_posix()
        own = path.with_name(f"index.{translation.lang}.md")
        functions = pages.functions(model, releases, _root_of(name), config)
        page = _content_page(root, own if own.is_file() else path, edit, functions)
        if isinstance(page, Problem):
            problems.append(page)
        else:
            files[name] = page
    for area in model.areas:
        name = f"{urls.area_path(area.id)}index.md"
        if name in files:
            problems.append(
                Problem(
                    _display(root, docs_dir / name),
                    0,
                    "",
                    f"area pages are built from {area.source_file}; delete this file",
                )
            )
        markdown = views.area_page(model, area, _root_of(name), cells.edit_links(area, edit))
        files[name] = _page(edit(area.source_file), "", markdown)
    files.update(cells.pages(model, edit, _root_of))
    problems += social.describe(files, model, config, _prefix(translation))
    return files, problems


def finish(pending: Pending) -> Tree:
    """Wait for the PDFs, then write the whole tree; raises DoesNotFit before writing."""
    pending.files.update(_pdfs(pending))
    return _write(pending, keep=set())


def write_pages(pending: Pending) -> Tree:
    """Write every file but the PDFs, leaving the last build's in place (see write_pdfs)."""
    return _write(pending, keep={name for job in pending.jobs for name in job.files})


def write_pdfs(pending: Pending) -> None:
    """Wait for the PDFs and write them over the last build's."""
    for name, content in _pdfs(pending).items():
        _write_if_changed(pending.out / "docs" / name, content)


def has_pdfs(pending: Pending) -> bool:
    """Whether the last build left the PDFs that this one renders."""
    return all(
        (pending.out / "docs" / name).is_file() for job in pending.jobs for name in job.files
    )


def _pdfs(pending: Pending) -> dict[str, bytes]:
    done = {}
    try:
        for job in pending.jobs:
            done.update(pdf_cache.finish(job, pending.out / "cache" / "pdf"))
    except PdfUnavailable as missing:
        if not pending.pdfs_optional:
            raise
        pending.pdf_missing = missing.report()
        note = placeholder.pdf(PLACEHOLDER_TITLE, pending.pdf_missing)
        return {name: note for job in pending.jobs for name in job.files}
    return {name: path.read_bytes() for name, path in done.items()}


def _write(pending: Pending, keep: set[str]) -> Tree:
    for prefix, drawn in pending.images.items():
        pending.files.update({prefix + name: png for name, png in drawn().items()})
    docs = pending.out / "docs"
    write_tree(docs, pending.files, keep)
    config_file = pending.out / CONFIG
    text = HEADER + yaml.safe_dump(pending.config, sort_keys=False, allow_unicode=True)
    _write_if_changed(config_file, text.encode())
    _write_if_changed(pending.out / SERVE_CONFIG, _serve_config(pending).encode())
    return Tree(docs, config_file, pending.config, pending.warnings, pending.pdf_missing)


def _serve_config(pending: Pending) -> str:
    """build/serve.yml, which `make serve` runs: build/mkdocs.yml, plus the hook that
    regenerates the tree on every save and the sources to watch for one."""

    def seen_from_out(path: Path) -> str:
        return os.path.relpath(path, pending.out).replace(os.sep, "/")

    settings: dict[str, object] = {
        "INHERIT": CONFIG,
        "hooks": [seen_from_out(ROOT / "scripts" / "engines" / "mkdocs_hook.py")],
        "watch": [seen_from_out(pending.root / path) for path in pending.watch],
    }
    if pending.serve_language and _languages(pending.config):
        # INHERIT replaces a list whole, so the plugins are listed again, the i18n one
        # building English and the served language only.
        def served(entry: dict) -> dict:
            return {
                **entry,
                "build": entry.get("default") or entry["locale"] == pending.serve_language,
            }

        settings["plugins"] = [
            {
                "i18n": {
                    **plugin["i18n"],
                    "languages": [served(e) for e in _languages(pending.config)],
                }
            }
            if isinstance(plugin, dict) and "i18n" in plugin
            else plugin
            for plugin in pending.config["plugins"]
        ]
    return HEADER + yaml.safe_dump(settings, sort_keys=False, allow_unicode=True)


# ---------------------------------------------------------------- languages


def _languages(config: dict) -> list[dict]:
    """The languages mkdocs.yml's i18n plugin lists, English (the default) first."""
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            return (plugin["i18n"] or {}).get("languages") or []
    return []


def locales(config: dict) -> list[str]:
    """The translations mkdocs.yml lists."""
    return [entry["locale"] for entry in _languages(config) if not entry.get("default")]


def _language_names(config: dict) -> dict[str, str]:
    return {entry["locale"]: entry.get("name", entry["locale"]) for entry in _languages(config)}


def _translations(model, data: Path, config: dict) -> list[i18n.Translation]:
    """English, then each language mkdocs.yml lists; ModelError names every overlay problem."""
    codes = locales(config)
    problems = [
        Problem(
            f"data/{i18n.FOLDER}/{code}",
            0,
            "",
            f"add {code} to the i18n plugin's languages in {CONFIG}, or remove the folder",
        )
        for code in i18n.languages(data)
        if code not in codes
    ]
    translations = [i18n.english(model)]
    for code in codes:
        # A language with no folder yet is all English: nothing to check, nothing stale.
        try:
            translations.append(i18n.load_translation(model, data, code))
        except ModelError as error:
            problems += error.problems
    if problems:
        raise ModelError(problems)
    return translations


def _i18n_plugin(plugins: list, translations: list[i18n.Translation], site_url: str) -> list:
    """The i18n plugin's languages with the address of each language's site (the plugin
    would assume the domain's root, wrong for a fork on github.io/<repository>/), and each
    area's nav title in the language added to the `nav_translations` mkdocs.yml gives."""
    english, *others = translations
    by_code = {t.lang: t for t in others}
    base = urlparse(urls.site_root(site_url)).path
    result = []
    for plugin in plugins:
        if isinstance(plugin, dict) and "i18n" in plugin:
            settings = dict(plugin["i18n"])
            settings["languages"] = [
                _language_entry(entry, english, by_code.get(entry["locale"]), base)
                for entry in settings.get("languages") or []
            ]
            plugin = {"i18n": settings}
        result.append(plugin)
    return result


def _language_entry(
    entry: dict, english: i18n.Translation, translation: i18n.Translation | None, base: str
) -> dict:
    prefix = "" if entry.get("default") else f"{entry['locale']}/"
    entry = {"link": base + prefix, **entry}
    if prefix:  # the download banner (overrides/main.html) offers the language's own PDFs
        pdfs = {paper: prefix + name for paper, name in urls.PDF_FILES.items()}
        with language.using(language_of(translation) if translation else language.ENGLISH):
            words = theme_words()
        entry["extra"] = {**(entry.get("extra") or {}), "pdf_files": pdfs, "words": words}
    if translation is None:
        return entry
    titles = {
        ours.title: theirs.title
        for ours, theirs in zip(english.model.areas, translation.model.areas, strict=True)
        if ours.title != theirs.title
    }
    return {**entry, "nav_translations": {**(entry.get("nav_translations") or {}), **titles}}


def _prefix(translation: i18n.Translation) -> str:
    """Where a language's site lives under the English one: "" or "es/"."""
    return "" if translation.lang == "en" else f"{translation.lang}/"


def language_of(translation: i18n.Translation) -> language.Language:
    """What the templates render `translation` with: its strings and its stale cells."""
    if translation.lang == "en":
        return language.ENGLISH
    stale = frozenset(
        (area.id, cell.level.id)
        for area in translation.model.areas
        for cell in area.cells
        if translation.cell_stale(area.id, cell.level.id)
    )
    return language.Language(translation.lang, translation.strings, "../", stale)


def _page_names(codes: list[str]) -> set[str]:
    return {"index.md", *(f"index.{code}.md" for code in codes)}


def _translated_editor(edit, root: Path, lang: str):
    """Edit links of a translated page open its overlay, or the English while it has none."""
    if lang == "en":
        return edit

    def translated(source: str) -> str | None:
        if source.startswith("data/"):
            own = f"data/{i18n.FOLDER}/{lang}/{source.removeprefix('data/')}"
        else:
            own = source.replace("/index.md", f"/index.{lang}.md")
        return edit(own if (root / own).is_file() else source)

    return translated


# ---------------------------------------------------------------- configuration


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml's own dialect: `!ENV [NAME, default]` reads the environment."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    if isinstance(node, yaml.SequenceNode):
        *names, default = loader.construct_sequence(node)
    elif isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        raise yaml.constructor.ConstructorError(
            None, None, "!ENV takes a variable's name or a list: [NAME, default]", node.start_mark
        )
    for name in names:
        if name in os.environ:
            return os.environ[name]
    return default


_ConfigLoader.add_constructor("!ENV", _env)


def read_config(path: Path) -> dict:
    """mkdocs.yml as a dict, or a ModelError saying where it does not parse."""
    try:
        with path.open(encoding="utf-8") as stream:
            config = yaml.load(stream, Loader=_ConfigLoader)  # noqa: S506 (a SafeLoader)
    except (OSError, yaml.YAMLError) as error:
        mark = getattr(error, "problem_mark", None)
        where = Problem(path.name, mark.line + 1 if mark else 0, "", f"cannot be read: {error}")
        raise ModelError([where]) from None
    if not isinstance(config, dict):
        raise ModelError([Problem(path.name, 1, "", "must be a mapping of settings")])
    return config


def engine_config(config: dict, root: Path, out: Path, nav: list) -> dict:
    """The configuration every engine builds the tree with: mkdocs.yml, with paths seen from
    `out`, the areas in the nav, and none of the settings that only the hook needs."""
    derived = {key: value for key, value in config.items() if key not in ("hooks", "watch")}
    derived["docs_dir"] = "docs"
    # Zensical wants the site inside the folder of its configuration; `make site` passes
    # `-d site` to build into the repository's site/ as before.
    derived["site_dir"] = "site"
    theme = dict(derived.get("theme") or {})
    if "custom_dir" in theme:
        theme["custom_dir"] = os.path.relpath(root / theme["custom_dir"], out)
    derived["theme"] = theme
    # Pages carry their own edit_url; an engine's would point into build/docs.
    derived.pop("edit_uri", None)
    derived["nav"] = nav
    if "not_in_nav" in derived:
        # Its patterns start at the English root; each language's pages repeat them.
        patterns = derived["not_in_nav"].splitlines()
        derived["not_in_nav"] = "".join(
            f"/{code}{line}\n" if line.startswith("/") and code else f"{line}\n"
            for code in ("", *locales(config))
            for line in patterns
            if line.strip() and (not code or line.startswith("/"))
        )
    # For the download links on every page and the theme's other words (overrides/main.html).
    derived["extra"] = {
        **(config.get("extra") or {}),
        "pdf_files": dict(urls.PDF_FILES),
        "words": theme_words(),
    }
    return derived


def _nav(items: list, model) -> list:
    """The nav of mkdocs.yml with one entry per area after areas/index.md, in model order."""
    result = []
    for item in items:
        if isinstance(item, dict):
            title, children = next(iter(item.items()))
            item = {title: _nav(children, model) if isinstance(children, list) else children}
        result.append(item)
        if item == AREAS_INDEX:
            result.extend({a.title: f"{urls.area_path(a.id)}index.md"} for a in model.areas)
    return result


# ---------------------------------------------------------------- pages


def _content_page(root: Path, path: Path, edit, functions: dict) -> bytes | Problem:
    """A page of content/ with its calls rendered, or the problem, on its line."""
    text = path.read_text(encoding="utf-8")
    try:
        meta, body = split_front_matter(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1  # + 1 for the opening ---
        return Problem(_display(root, path), line, "", f"front matter is not valid YAML: {error}")
    head = text[: len(text) - len(body)]
    try:
        rendered = views.page(_display(root, path), body, functions)
    except jinja2.TemplateError as error:
        line = head.count("\n") + _template_line(error)
        return Problem(_display(root, path), line, "", f"{{{{ ... }}}}: {error.message}")
    source = meta.get("data_file") or _display(root, path)
    return _page(edit(source), head, rendered)


def _template_line(error: jinja2.TemplateError) -> int:
    """The line of the page's template where Jinja failed (1 if it does not say)."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        return error.lineno
    frames = traceback.extract_tb(error.__traceback__)
    return next((f.lineno for f in reversed(frames) if f.filename == "<template>"), 1) or 1


def _page(edit_url: str | None, front_matter: str, body: str) -> bytes:
    """The page with `edit_url` added to its front matter (or a new one)."""
    line = f"edit_url: {edit_url}\n" if edit_url else ""
    if front_matter:
        head = front_matter[: -len("---\n")] + line + "---\n"
    else:
        head = f"---\n{line}---\n" if line else ""
    return (head + body).encode()


def _editor(edit_uri: str, docs_dir: Path, root: Path):
    """edit_url for a repository-relative file, from mkdocs.yml's edit_uri (which points at
    docs_dir, as MkDocs reads it)."""

    def edit(source: str) -> str | None:
        if not edit_uri:
            return None
        return urljoin(edit_uri, os.path.relpath(root / source, docs_dir).replace(os.sep, "/"))

    return edit


def _root_of(name: str) -> str:
    """Relative path from a page to the site root: 'matrix/index.md' -> '../'."""
    depth = posixpath.dirname(name).count("/") + 1 if "/" in name else 0
    return "../" * depth


def _flat_page(root: Path, path: Path, name: str) -> Problem:
    folder = name.removesuffix(".md")
    return Problem(
        _display(root, path),
        0,
        "",
        f"move it to {_display(root, path.parent)}/{posixpath.basename(folder)}/index.md: "
        "every page lives in a folder of its own, so its links work on every engine",
    )


def _display(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


# ---------------------------------------------------------------- writing


def write_tree(dest: Path, files: dict[str, bytes], keep: set[str]) -> None:
    """Make `dest` hold exactly `files` (and `keep`, if there), touching only what changed,
    so that an engine's file watcher sees the edit and nothing else."""
    for name, content in files.items():
        _write_if_changed(dest / name, content)
    for stale in _stale(dest, set(files) | keep):
        stale.unlink()
    for folder in sorted((p for p in dest.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()


def _stale(dest: Path, names: set[str]) -> Iterator[Path]:
    for path in dest.rglob("*"):
        if path.is_file() and path.relative_to(dest).as_posix() not in names:
            yield path


def _write_if_changed(path: Path, content: bytes) -> None:
    try:
        if path.read_bytes() == content:
            return
    except OSError:
        path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.part")
    partial.write_bytes(content)
    partial.replace(path)
