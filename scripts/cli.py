"""Command line: `python -m scripts.cli validate` and `python -m scripts.cli pdf --out DIR`."""

import argparse
import os
import sys
from pathlib import Path

from . import pdf, urls
from .changelog import load_changelog
from .load import DATA, load_model
from .problems import ModelError

DEFAULT_SITE_URL = "http://127.0.0.1:8000/"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.cli", description=__doc__)
    parser.add_argument("--data", type=Path, default=DATA, help="the data folder (default: data/)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("validate", help="check the data files and list every problem")
    make_pdf = commands.add_parser("pdf", help="render the one-page overviews")
    make_pdf.add_argument("--out", type=Path, default=Path("site"))
    make_pdf.add_argument("--site-url", default=os.environ.get("SITE_URL", DEFAULT_SITE_URL))
    args = parser.parse_args(argv)

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
    args.out.mkdir(parents=True, exist_ok=True)
    for paper, name in urls.PDF_FILES.items():
        try:
            rendered = pdf.render(model, args.site_url, paper)
        except pdf.OverflowError_ as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        (args.out / name).write_bytes(rendered.pdf)
        print(f"{args.out / name}: 1 page at {rendered.font_size:g} pt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
