"""Command line: `python -m scripts.cli validate`, `generate`, `pdf --out DIR`, `report IN`,
`i18n stamp|status LANG`."""

import argparse
import os
import sys
from pathlib import Path
from urllib.parse import urljoin

from scripts.render import urls
from scripts.source.problems import ModelError, PdfUnavailable, Problem, ProblemsError

# Each command imports the rest of what it needs when it runs: the PDF workers import this
# module again as their __main__ (multiprocessing does that), and need none of it.

DATA = Path(__file__).resolve().parent.parent / "data"
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "generate":
        return _generate(args.data.parent, args.out, args.pdf_optional, args.language)
    return _command(args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m scripts.cli", description=__doc__)
    parser.add_argument("--data", type=Path, default=DATA, help="the data folder (default: data/)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("validate", help="check the data files and list every problem")
    make_tree = commands.add_parser(
        "generate", help="write build/: the source tree and configuration an engine renders"
    )
    make_tree.add_argument("--out", type=Path, default=None, help="default: build/")
    make_tree.add_argument(
        "--pdf-optional",
        action="store_true",
        help="for make serve: without Pango, write a note in place of each PDF instead of failing",
    )
    make_tree.add_argument(
        "--language",
        help="for make serve: render only this language's PDFs, and have serve.yml build it alone",
    )
    make_pdf = commands.add_parser("pdf", help="render the one-page overviews")
    make_pdf.add_argument("--out", type=Path, default=Path("site"))
    make_pdf.add_argument("--site-url", default=os.environ.get("SITE_URL", DEFAULT_SITE_URL))
    make_report = commands.add_parser(
        "report", help="render a team's one-pager from the assessment page's JSON"
    )
    make_report.add_argument("source", type=Path, help="the JSON file the assessment page saved")
    make_report.add_argument("--out", type=Path, default=Path("team.pdf"))
    make_report.add_argument("--paper", choices=sorted(urls.PDF_FILES), default="letter")
    make_report.add_argument(
        "--site-url",
        default=os.environ.get("SITE_URL"),
        help="the site the PDF links to (default: SITE_URL, else where the repository publishes)",
    )
    make_report.add_argument(
        "--lang", default="en", help="the language of the one-pager: en or a folder of data/i18n/"
    )
    translate = commands.add_parser("i18n", help="translations: stamp fields, list their status")
    translate.add_argument("action", choices=("stamp", "status"))
    translate.add_argument("lang", help="a folder of data/i18n/, e.g. es")
    translate.add_argument(
        "fields",
        nargs="*",
        help="stamp these (FILE or FILE:dotted.path, FILE relative to data/i18n/LANG/); "
        "default: every field with no source yet",
    )
    return parser


def _command(args: argparse.Namespace) -> int:
    from scripts import generate
    from scripts.render import language, pdf, report
    from scripts.source.changelog import load_changelog
    from scripts.source.load import load_model

    try:
        model = load_model(args.data)
        releases = load_changelog(model, args.data)
    except ModelError as error:
        print(error.report(), file=sys.stderr)
        return 1
    if args.command == "validate":
        counts = f"{len(model.areas)} areas, {len(model.levels)} levels"
        counts += f", {len(releases)} release{'s' if len(releases) != 1 else ''}"
        print(f"{args.data}: the model is valid ({counts}).")
        return 0
    if args.command == "i18n":
        return _i18n(model, args)
    if args.command == "report":
        site_url = args.site_url or _published_site(args.data.parent)
        print(f"{args.out}: links go to {site_url}; set SITE_URL for another address")
        try:
            translation = _translation(model, args.data, args.lang)
            # Its links lead to the site in its language, at /<lang>/ as the build places it.
            if translation.lang != "en":
                site_url = urljoin(urls.site_root(site_url), f"{translation.lang}/")
            with language.using(generate.language_of(translation)):
                notes = report.build(
                    translation.model, args.source, args.out, site_url, args.paper, releases
                )
        except (ProblemsError, PdfUnavailable) as error:
            print(error.report(), file=sys.stderr)
            return 1
        print("\n".join(notes))
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    for paper, name in urls.PDF_FILES.items():
        try:
            rendered = pdf.render(model, args.site_url, paper)
        except (ModelError, PdfUnavailable) as error:
            print(error.report(), file=sys.stderr)
            return 1
        (args.out / name).write_bytes(rendered.pdf)
        print(f"{args.out / name}: 1 page at {rendered.font_size:g} pt")
    return 0


def _translation(model, data: Path, lang: str):
    from scripts.source import i18n

    if lang == "en":
        return i18n.english(model)
    if not i18n.overlay_dir(data, lang).is_dir():
        known = ", ".join(["en", *i18n.languages(data)])
        raise ModelError([Problem(f"--lang {lang}", 0, "", f"is no language here; use {known}")])
    return i18n.load_translation(model, data, lang)


def _i18n(model, args) -> int:
    from scripts.source import i18n

    if not i18n.overlay_dir(args.data, args.lang).is_dir():
        print(f"{i18n.overlay_dir(args.data, args.lang)}: no such language folder", file=sys.stderr)
        return 1
    try:
        if args.action == "stamp":
            stamped = i18n.stamp(model, args.data, args.lang, args.fields)
            print("\n".join(stamped) or "nothing to stamp")
            return 0
        translation = i18n.load_translation(model, args.data, args.lang)
    except ModelError as error:
        print(error.report(), file=sys.stderr)
        return 1
    for warning in translation.warnings:
        print(warning)
    counts = ", ".join(f"{n} {state}" for state, n in translation.counts().items())
    print(f"{args.lang}: {counts}")
    return 0


def _published_site(root: Path) -> str:
    """The repository's published site, from mkdocs.yml's edit_uri (EDIT_URI for a fork)."""
    from scripts import generate

    try:
        edit_uri = generate.read_config(root / generate.CONFIG).get("edit_uri") or ""
    except ModelError:
        edit_uri = ""
    return urls.published_site(edit_uri) or DEFAULT_SITE_URL


def _generate(root: Path, out: Path | None, pdfs_optional: bool, language: str | None) -> int:
    from scripts import generate

    try:
        tree = generate.generate(root, out, pdfs_optional, language)
    except (ModelError, PdfUnavailable) as error:
        print(error.report(), file=sys.stderr)
        return 1
    for warning in tree.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if tree.pdf_missing:
        print(tree.pdf_missing, file=sys.stderr)
    print(f"{tree.config}: build it with mkdocs build -f {tree.config}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
