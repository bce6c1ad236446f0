"""Command line: `python -m scripts.cli validate`, `generate`, `pdf --out DIR`, `report IN`."""

import argparse
import os
import sys
from pathlib import Path

from scripts import generate
from scripts.render import pdf, report, urls
from scripts.source.changelog import load_changelog
from scripts.source.load import DATA, load_model
from scripts.source.problems import ModelError, ProblemsError

DEFAULT_SITE_URL = "http://127.0.0.1:8000/"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.cli", description=__doc__)
    parser.add_argument("--data", type=Path, default=DATA, help="the data folder (default: data/)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("validate", help="check the data files and list every problem")
    make_tree = commands.add_parser(
        "generate", help="write build/: the source tree and configuration an engine renders"
    )
    make_tree.add_argument("--out", type=Path, default=None, help="default: build/")
    make_pdf = commands.add_parser("pdf", help="render the one-page overviews")
    make_pdf.add_argument("--out", type=Path, default=Path("site"))
    make_pdf.add_argument("--site-url", default=os.environ.get("SITE_URL", DEFAULT_SITE_URL))
    make_report = commands.add_parser(
        "report", help="render a team's one-pager from the assessment page's JSON"
    )
    make_report.add_argument("source", type=Path, help="the JSON file the assessment page saved")
    make_report.add_argument("--out", type=Path, default=Path("team.pdf"))
    make_report.add_argument("--paper", choices=sorted(urls.PDF_FILES), default="letter")
    make_report.add_argument("--site-url", default=os.environ.get("SITE_URL", DEFAULT_SITE_URL))
    args = parser.parse_args(argv)

    if args.command == "generate":
        return _generate(args.data.parent, args.out)
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
    if args.command == "report":
        try:
            notes = report.build(model, args.source, args.out, args.site_url, args.paper)
        except ProblemsError as error:
            print(error.report(), file=sys.stderr)
            return 1
        print("\n".join(notes))
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    for paper, name in urls.PDF_FILES.items():
        try:
            rendered = pdf.render(model, args.site_url, paper)
        except ModelError as error:
            print(error.report(), file=sys.stderr)
            return 1
        (args.out / name).write_bytes(rendered.pdf)
        print(f"{args.out / name}: 1 page at {rendered.font_size:g} pt")
    return 0


def _generate(root: Path, out: Path | None) -> int:
    try:
        tree = generate.generate(root, out)
    except ModelError as error:
        print(error.report(), file=sys.stderr)
        return 1
    print(f"{tree.config}: build it with mkdocs build -f {tree.config}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
