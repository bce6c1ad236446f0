"""`make bench`: where the build's time goes, measured side by side in one run.

Not a test: it prints a table of medians (after a warm-up run) and, with --write,
records it in BENCHMARKS.md with the machine it ran on. Every build runs in a copy of the
project in a temporary folder, with its own PDF cache, so the repository is not touched.

    python -m scripts.tooling.bench [--runs 5] [--write BENCHMARKS.md] [--skip serve,scale]
"""

import argparse
import http.client
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from scripts.tooling.project import copy_project, mkdocs_build, serve  # as the tests do

ROOT = Path(__file__).resolve().parents[2]
PAGES = ("matrix/", "assessment/")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


# ---------------------------------------------------------------- helpers


def median_time(action: Callable[[], object], runs: int, warmup: int = 1) -> float:
    for _ in range(warmup):
        action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def site_build(project: Path, site: Path, check: bool = True) -> subprocess.CompletedProcess:
    result = mkdocs_build(project, site)
    if check and result.returncode != 0:
        raise SystemExit(f"build of {project} failed:\n{result.stderr}")
    return result


def plain_build(project: Path, site: Path) -> None:
    config = str(project / "mkdocs.yml")
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", config, "-d", str(site)],
        cwd=project,
        env=ENV,
        capture_output=True,
        check=True,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# ---------------------------------------------------------------- the plain twin


def plain_twin(site: Path, dest: Path) -> Path:
    """A plain Material project with the same pages and text as the built `site`.

    Each page's Markdown is the rendered article of the real page (raw HTML passes
    through Python-Markdown untouched), so the twin has no hooks, macros or PDFs to run
    and does less Markdown work than the real build: the ratio errs against us.
    """
    docs = dest / "docs"
    nav = []
    for html in sorted(site.rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        text = html.read_text(encoding="utf-8")
        article = re.search(
            r'<article class="md-content__inner md-typeset">(.*?)</article>', text, re.S
        )
        md = Path(rel) / "index.md" if rel != "." else Path("index.md")
        (docs / md).parent.mkdir(parents=True, exist_ok=True)
        (docs / md).write_text(article.group(1) if article else "", encoding="utf-8")
        nav.append(md.as_posix())
    config = yaml.safe_load(
        (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:")[0].replace("!ENV", "")
    )
    (dest / "mkdocs.yml").write_text(
        yaml.safe_dump(
            {
                "site_name": "Plain Material",
                "site_url": "http://127.0.0.1:8000/",
                "theme": {
                    "name": "material",
                    "font": False,
                    "features": config["theme"]["features"],
                },
                "plugins": ["search"],
                "nav": nav,
            }
        ),
        encoding="utf-8",
    )
    return dest


# ---------------------------------------------------------------- measurements


def bench_build(work: Path, runs: int) -> dict:
    project = copy_project(work / "project")
    site = work / "site"

    def cold() -> None:  # a fresh clone, or CI without its cache: no build/ at all
        shutil.rmtree(project / "build", ignore_errors=True)
        site_build(project, site)

    full_cold = median_time(cold, runs)
    full_warm = median_time(lambda: site_build(project, site), runs)
    twin = plain_twin(site, work / "plain")
    plain = median_time(lambda: plain_build(twin, work / "plain-site"), runs)
    return {
        "full_cold": full_cold,
        "full_warm": full_warm,
        "plain": plain,
        "site": site,
        "plain_site": work / "plain-site",
    }


def bench_pdf(runs: int) -> dict:
    """One overview (US Letter) rendered by a fresh Python process, and by a warm one."""
    code = (
        "from pathlib import Path; from scripts.render import pdf;"
        "from scripts.source.load import load_model;"
        "pdf.render(load_model(Path('data')), 'http://127.0.0.1:8000/', 'letter')"
    )
    cold = median_time(
        lambda: subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, env={**ENV, "PYTHONPATH": str(ROOT)}, check=True
        ),
        runs,
    )
    from scripts.render import pdf
    from scripts.source.load import load_model

    model = load_model(ROOT / "data")
    warm = median_time(lambda: pdf.render(model, "http://127.0.0.1:8000/", "letter"), runs)
    size = pdf.render(model, "http://127.0.0.1:8000/", "letter").font_size
    return {"cold": cold, "warm": warm, "font_size": size}


def _get(port: int, path: str) -> bytes:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.read() if response.status == 200 else b""
    finally:
        connection.close()


def bench_serve(work: Path, runs: int) -> float:
    """From saving an area's YAML to `mkdocs serve` serving the new matrix page and PDF."""
    project = copy_project(work / "serve")
    port = free_port()
    server = serve(project, port)
    pdf_path = "/one-page-maturity-overview.pdf"
    area = project / "data" / "areas" / "meetings.yml"
    original = area.read_text(encoding="utf-8")
    try:
        deadline = time.monotonic() + 120
        while not _poll(port, pdf_path):
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("mkdocs serve did not start")
            time.sleep(0.1)
        times = []
        for run in range(runs + 1):
            before = _get(port, pdf_path)
            marker = f"Meetings {run + 2}"
            start = time.perf_counter()
            area.write_text(
                original.replace("title: Meetings", f"title: {marker}"), encoding="utf-8"
            )
            while not (
                marker.encode() in _poll(port, "/matrix/")
                and _poll(port, pdf_path) not in (before, b"")
            ):
                if time.perf_counter() - start > 60:
                    raise SystemExit("mkdocs serve did not rebuild within 60 s")
                time.sleep(0.02)
            if run:  # the first edit is the warm-up
                times.append(time.perf_counter() - start)
            time.sleep(0.5)  # let the watcher settle before the next save
        return statistics.median(times)
    finally:
        server.terminate()
        server.wait(timeout=20)


def _poll(port: int, path: str) -> bytes:
    try:
        return _get(port, path)
    except OSError:
        return b""


def synthetic(project: Path, areas: int, levels: int) -> None:
    """Rewrite the copy's data/ as `areas` areas x `levels` levels, cloned from the real ones."""
    data = project / "data"
    model = yaml.safe_load((data / "model.yml").read_text(encoding="utf-8"))
    sources = [
        yaml.safe_load((data / "areas" / f"{a}.yml").read_text(encoding="utf-8"))
        for a in model["areas"]
    ]
    for old in (data / "areas").glob("*.yml"):
        old.unlink()
    real_levels = len(model["levels"])
    for extra in range(real_levels, levels):
        model["levels"].append(
            {"id": extra, "name": f"Level {extra}", "summary": model["levels"][-1]["summary"]}
        )
    model["levels"] = model["levels"][:levels]
    model["areas"] = [f"area-{n}" for n in range(areas)]
    for n, area_id in enumerate(model["areas"]):
        area = dict(sources[n % len(sources)], id=area_id, title=f"Area {n}")
        cells = area["levels"]
        # Extra levels reuse a middle cell; the top level keeps the real top cell (no next steps).
        area["levels"] = {
            lvl: cells[real_levels - 1] if lvl == levels - 1 else cells[min(lvl, real_levels - 2)]
            for lvl in range(levels)
        }
        (data / "areas" / f"{area_id}.yml").write_text(
            yaml.safe_dump(area, sort_keys=False), encoding="utf-8"
        )
    (data / "model.yml").write_text(yaml.safe_dump(model, sort_keys=False), encoding="utf-8")


def bench_scale(work: Path, runs: int) -> list[dict]:
    rows = []
    for areas in (5, 20, 50):
        for levels in (4, 6):
            project = copy_project(work / f"scale-{areas}x{levels}")
            synthetic(project, areas, levels)
            site = work / f"scale-site-{areas}x{levels}"
            outcome: dict[str, object] = {}

            def build(project=project, site=site, outcome=outcome) -> None:
                shutil.rmtree(project / "build", ignore_errors=True)
                result = site_build(project, site, check=False)
                outcome["ok"] = result.returncode == 0
                outcome["error"] = _first_error(result.stderr)

            seconds = median_time(build, max(1, runs // 2))
            if outcome["ok"]:
                from pypdf import PdfReader

                pages = len(PdfReader(site / "one-page-maturity-overview.pdf").pages)
                pdf = f"fits ({pages} page)"
            else:
                pdf = f"build fails: {outcome['error']}"
            rows.append({"areas": areas, "levels": levels, "seconds": seconds, "pdf": pdf})
    return rows


def _first_error(stderr: str) -> str:
    for line in stderr.splitlines():
        if "Error" in line or "error" in line:
            return line.strip()[:160]
    return stderr.strip().splitlines()[-1][:160] if stderr.strip() else ""


def page_weight(site: Path, page: str) -> dict | None:
    html_file = site / page / "index.html"
    if not html_file.exists():
        return None
    html = html_file.read_text(encoding="utf-8")
    weight = {"html": len(html.encode()), "css": 0, "js": 0}
    base = html_file.parent
    for kind, pattern in (
        ("css", r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"'),
        ("js", r'<script[^>]+src="([^"]+)"'),
    ):
        for url in re.findall(pattern, html):
            path = (base / url.split("?")[0].split("#")[0]).resolve()
            if path.is_file():
                weight[kind] += path.stat().st_size
    return weight


# ---------------------------------------------------------------- report


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown CPU",
    )
    mem = next(
        (
            int(line.split()[1]) // 1024**2
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        0,
    )
    python = f"Python {platform.python_version()}"
    return f"{os.cpu_count()} CPUs ({cpu}), {mem} GiB RAM, {python}, {platform.system()}"


def report(results: dict, runs: int) -> str:
    lines = [f"Machine: {machine()}", f"Each figure: median of {runs} runs after one warm-up.", ""]
    if "build" in results:
        b = results["build"]
        lines += [
            "| Build (site + both PDFs) | seconds | vs plain Material |",
            "| --- | ---: | ---: |",
            f"| plain Material, same pages and text | {b['plain']:.2f} | 1.00 |",
            _ratio_row("make site, cold: no build/ (fresh clone, CI)", b["full_cold"], b["plain"]),
            _ratio_row("make site, warm: PDF inputs unchanged", b["full_warm"], b["plain"]),
            "",
        ]
    if "pdf" in results:
        p = results["pdf"]
        lines += [
            "| One PDF (US Letter, fit loop included) | seconds |",
            "| --- | ---: |",
            f"| cold: new Python process, import to file | {p['cold']:.2f} |",
            f"| warm: already imported | {p['warm']:.2f} |",
            f"| fitted font size | {p['font_size']:g} pt |",
            "",
        ]
    if "serve" in results:
        lines += [
            "| `mkdocs serve` | seconds |",
            "| --- | ---: |",
            f"| save an area's YAML -> new matrix page and PDF served | {results['serve']:.2f} |",
            "",
        ]
    if "scale" in results:
        lines += ["| Synthetic model | build seconds | PDF |", "| --- | ---: | --- |"]
        lines += [
            f"| {r['areas']} areas x {r['levels']} levels | {r['seconds']:.2f} | {r['pdf']} |"
            for r in results["scale"]
        ]
        lines.append("")
    if "weight" in results:
        lines += [
            "| Page weight (bytes, uncompressed) | HTML | CSS | JS | total |",
            "| --- | ---: | ---: | ---: | ---: |",
        ]
        for name, w in results["weight"].items():
            if w is None:
                lines.append(f"| {name} | - | - | - | - |")
            else:
                total = w["html"] + w["css"] + w["js"]
                lines.append(f"| {name} | {w['html']:,} | {w['css']:,} | {w['js']:,} | {total:,} |")
        lines.append("")
    return "\n".join(lines)


def _ratio_row(name: str, seconds: float, plain: float) -> str:
    return f"| {name} | {seconds:.2f} | {seconds / plain:.2f} |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.tooling.bench", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--write", type=Path, help="also write the table into this Markdown file")
    parser.add_argument("--skip", default="", help="comma-separated: build,pdf,serve,scale,weight")
    args = parser.parse_args(argv)
    skip = set(filter(None, args.skip.split(",")))
    results: dict = {}
    with tempfile.TemporaryDirectory(prefix="amm-bench-") as tmp:
        work = Path(tmp)
        if not {"build", "weight"} <= skip:
            print("build ...", file=sys.stderr)
            results["build"] = bench_build(work, args.runs)
        if "pdf" not in skip:
            print("pdf ...", file=sys.stderr)
            results["pdf"] = bench_pdf(args.runs)
        if "serve" not in skip:
            print("serve ...", file=sys.stderr)
            results["serve"] = bench_serve(work, args.runs)
        if "scale" not in skip:
            print("scale ...", file=sys.stderr)
            results["scale"] = bench_scale(work, args.runs)
        if "weight" not in skip:
            b = results["build"]
            results["weight"] = {
                **{f"{page} (this site)": page_weight(b["site"], page) for page in PAGES},
                "matrix/ (plain Material twin)": page_weight(b["plain_site"], "matrix"),
            }
        if "build" in skip:
            results.pop("build", None)
        table = report(results, args.runs)
    print(table)
    if args.write:
        _write(args.write, table)
    return 0


def _write(path: Path, table: str) -> None:
    """Replace the generated block of `path` (between markers), keeping the prose around it."""
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    text = (
        path.read_text(encoding="utf-8") if path.exists() else f"# Benchmarks\n\n{start}\n{end}\n"
    )
    if start not in text:
        text += f"\n{start}\n{end}\n"
    head, rest = text.split(start, 1)
    path.write_text(f"{head}{start}\n{table}\n{end}{rest.split(end, 1)[1]}", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
