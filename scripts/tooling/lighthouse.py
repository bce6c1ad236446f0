"""Lighthouse's mobile scores for each kind of page, for `make bench` and BENCHMARKS.md.

    python -m scripts.tooling.lighthouse [--runs 3] [--write BENCHMARKS.md] [--site DIR]

The site is built as `make site` builds it (or taken from --site) and served from loopback
the way GitHub Pages serves it: text gzipped, the 404 page for a missing address.
Lighthouse (package.json) drives /usr/bin/chromium headless, with its default mobile
emulation and simulated throttling, and the median of the runs is kept per category.
Scores move with the machine's load, so they are measured here; the gate in the tests is
the exact byte budget (tests/test_budget.py).
"""

import argparse
import contextlib
import functools
import gzip
import http.server
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from scripts.tooling.project import ROOT, mkdocs_build

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# One page of each kind. Lighthouse stops at an error status, so the 404 page is asked
# for by its own name.
PAGES = {
    "home": "",
    "matrix": "matrix/",
    "area": "areas/meetings/",
    "cell": "areas/meetings/level-2/",
    "assessment": "assessment/",
    "guide": "guide/principles/",
    "changelog": "changelog/",
    "translations": "translations/",
    "Spanish home": "es/",
    "page not found": "404.html",
}
# What GitHub Pages compresses; images and fonts are compressed already.
_TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Static files as GitHub Pages sends them: gzipped text, and 404.html when missing."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path /= "index.html"
        status = 200
        if not path.is_file():
            status, path = 404, Path(self.directory) / "404.html"
        body = path.read_bytes()
        zipped = path.suffix in _TEXT and "gzip" in self.headers.get("Accept-Encoding", "")
        if zipped:
            body = gzip.compress(body, mtime=0)
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if zipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def pages_server(site: Path) -> Iterator[str]:
    """Serve `site` on a free loopback port; yields its address, ending in '/'."""
    handler = functools.partial(_PagesHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def run_once(url: str, out: Path) -> dict[str, float]:
    """One Lighthouse run: each category's score, 0 to 100."""
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            "--output=json",
            f"--output-path={out}",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=True,
        capture_output=True,
        timeout=300,
    )
    return scores(json.loads(out.read_text(encoding="utf-8")))


def scores(result: dict) -> dict[str, float]:
    """A Lighthouse JSON report's category scores, 0 to 100; a failed run says why."""
    if result.get("runtimeError"):
        raise RuntimeError(f"{result['finalDisplayedUrl']}: {result['runtimeError']['message']}")
    return {name: 100 * result["categories"][name]["score"] for name in CATEGORIES}


def medians(runs: list[dict[str, float]]) -> dict[str, float]:
    return {name: statistics.median(run[name] for run in runs) for name in CATEGORIES}


def measure(site: Path, runs: int, pages: dict[str, str] = PAGES) -> dict[str, dict]:
    """Kind of page -> median score per category, over `runs` runs each."""
    result = {}
    with pages_server(site) as base, tempfile.TemporaryDirectory() as tmp:
        for kind, page in pages.items():
            print(f"lighthouse: {kind} ...", file=sys.stderr)
            each = [run_once(base + page, Path(tmp) / "report.json") for _ in range(runs)]
            result[kind] = medians(each)
    return result


def table(results: dict[str, dict], runs: int, load: tuple[float, float]) -> str:
    lines = [
        f"Lighthouse {_version()}, mobile, median of {runs} run{'s' if runs != 1 else ''} per "
        f"page, served gzipped from loopback; load {load[0]:.1f} -> {load[1]:.1f}.",
        "",
        "| Page | " + " | ".join(CATEGORIES) + " |",
        "| --- |" + " ---: |" * len(CATEGORIES),
    ]
    for kind, got in results.items():
        lines.append(f"| {kind} | " + " | ".join(f"{got[name]:.0f}" for name in CATEGORIES) + " |")
    return "\n".join(lines)


def write_block(path: Path, name: str, text: str) -> None:
    """Put `text` between the `name` markers of `path`, adding them at the end if missing."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    current = path.read_text(encoding="utf-8") if path.exists() else ""
    if start not in current:
        current += f"\n{start}\n{end}\n"
    head, rest = current.split(start, 1)
    path.write_text(f"{head}{start}\n{text}\n{end}{rest.split(end, 1)[1]}", encoding="utf-8")


def _version() -> str:
    package = ROOT / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text(encoding="utf-8"))["version"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.tooling.lighthouse", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--site", type=Path, help="a built site (default: build one now)")
    parser.add_argument("--write", type=Path, help="also write the table into this Markdown file")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print(f"{LIGHTHOUSE} is missing: run `npm ci` (make lint does)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="amm-lighthouse-") as tmp:
        site = args.site or Path(tmp) / "site"
        if not args.site:
            built = mkdocs_build(ROOT, site)
            if built.returncode != 0:
                print(built.stderr, file=sys.stderr)
                return 1
        start = os.getloadavg()[0]
        results = measure(site, args.runs)
        text = table(results, args.runs, (start, os.getloadavg()[0]))
    print(text)
    if args.write:
        write_block(args.write, "lighthouse", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
