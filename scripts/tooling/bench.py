"""`make bench`: where the build's time goes, measured side by side in one run.

Not a test: it prints a table of medians (after a warm-up run) and, with --write,
records it in BENCHMARKS.md with the machine it ran on and its load. Every build runs in a
copy of the project in a temporary folder, with its own PDF cache, so the repository is not
touched. The site is compared with two twins made from its own pages: plain Material
building every page at once, and plain Material with the same i18n plugin, nav and
languages, which shows what the three languages cost in Material itself.

    python -m scripts.tooling.bench [--runs 5] [--write BENCHMARKS.md] [--skip serve,scale]
"""

import argparse
import copy
import http.client
import os
import platform
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from scripts.generate import locales
from scripts.tooling.project import copy_project, mkdocs_build, serve  # as the tests do

ROOT = Path(__file__).resolve().parents[2]
PAGES = ("matrix/", "assessment/")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


# ---------------------------------------------------------------- helpers


@dataclass(frozen=True)
class Timing:
    """Medians of one measurement: `wall` seconds, and `cpu`, the user + system seconds of
    this process and the processes it waited for. Other work on a busy machine stretches
    wall time but hardly CPU time, so CPU ratios are the steadier ones there."""

    wall: float
    cpu: float


def interleaved(actions: dict[str, Callable[[], object]], runs: int) -> dict[str, Timing]:
    """Each action once per round, for a warm-up round and then `runs` rounds, so that a
    change in the machine's load falls on all of them alike; the medians of each."""
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in actions}
    for round_number in range(runs + 1):
        for name, action in actions.items():
            cpu, start = _cpu(), time.perf_counter()
            action()
            if round_number:
                samples[name].append((time.perf_counter() - start, _cpu() - cpu))
    return {
        name: Timing(statistics.median(w for w, _ in got), statistics.median(c for _, c in got))
        for name, got in samples.items()
    }


def median_time(action: Callable[[], object], runs: int) -> Timing:
    return interleaved({"action": action}, runs)["action"]


def _cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def python_m(project: Path, *args: str) -> None:
    """`python -m <args>` in `project`, as `make` runs it; fails the bench if it fails."""
    result = subprocess.run(
        [sys.executable, "-m", *args],
        cwd=project,
        env={**ENV, "PYTHONPATH": str(project)},
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"python -m {' '.join(args)} failed in {project}:\n{result.stderr}")


def site_build(project: Path, site: Path, check: bool = True) -> subprocess.CompletedProcess:
    result = mkdocs_build(project, site)
    if check and result.returncode != 0:
        raise SystemExit(f"build of {project} failed:\n{result.stderr}")
    return result


def plain_build(project: Path, site: Path) -> None:
    python_m(project, "mkdocs", "build", "-f", str(project / "mkdocs.yml"), "-d", str(site))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# ---------------------------------------------------------------- the plain twin


def plain_twin(site: Path, dest: Path) -> Path:
    """A plain Material project with the same pages and text as the built `site`, every
    language's pages in one build with one nav: what Material alone costs for them.

    Each page's Markdown is the rendered article of the real page (raw HTML passes
    through Python-Markdown untouched), so the twin has no generator, overrides or PDFs to
    run and does less Markdown work than the real build: the ratio errs against us.
    """
    nav = _twin_pages(site, dest / "docs")
    config = yaml.safe_load(
        (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:")[0].replace("!ENV", "")
    )
    _twin_config(dest, config["theme"]["features"], {"plugins": ["search"], "nav": nav})
    return dest


def i18n_twin(site: Path, built: Path, dest: Path) -> Path:
    """`plain_twin`'s pages, built as the real site is: the nav and the i18n plugin of the
    generated configuration `built` (build/mkdocs.yml), so one build per language, each with
    its own nav and search index. The difference to `plain_twin` is what the languages
    cost in Material itself; the difference to the real build is what this project adds."""
    _twin_pages(site, dest / "docs")
    config = yaml.safe_load(built.read_text(encoding="utf-8"))
    keys = ("nav", "not_in_nav", "plugins")
    _twin_config(dest, config["theme"]["features"], {k: config[k] for k in keys if k in config})
    return dest


def _twin_pages(site: Path, docs: Path) -> list[str]:
    """Write each built page's article as a twin page under `docs`; returns their names."""
    names = []
    for html in sorted(site.rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        text = html.read_text(encoding="utf-8")
        article = re.search(
            r'<article class="md-content__inner md-typeset">(.*?)</article>', text, re.S
        )
        md = Path(rel) / "index.md" if rel != "." else Path("index.md")
        (docs / md).parent.mkdir(parents=True, exist_ok=True)
        (docs / md).write_text(article.group(1) if article else "", encoding="utf-8")
        names.append(md.as_posix())
    return names


def _twin_config(dest: Path, features: list, settings: dict) -> None:
    (dest / "mkdocs.yml").write_text(
        yaml.safe_dump(
            {
                "site_name": "Plain Material",
                "site_url": "http://127.0.0.1:8000/",
                "theme": {"name": "material", "font": False, "features": features},
                **settings,
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )


# ---------------------------------------------------------------- measurements


def bench_build(work: Path, runs: int) -> dict:
    project = copy_project(work / "project")
    site = work / "site"

    def cold() -> None:  # a fresh clone, or CI without its cache: no build/ at all
        shutil.rmtree(project / "build", ignore_errors=True)
        site_build(project, site)

    site_build(project, site)  # the twins are made from the built site
    built = project / "build" / "mkdocs.yml"
    plain, i18n = plain_twin(site, work / "plain"), i18n_twin(site, built, work / "plain-i18n")
    engine = ("mkdocs", "build", "--strict", "-f", str(built), "-d", str(site))
    timings = interleaved(
        {
            "full_cold": cold,
            "full_warm": lambda: site_build(project, site),
            "generator": lambda: python_m(project, "scripts.cli", "generate"),
            "engine": lambda: python_m(project, *engine),
            "plain": lambda: plain_build(plain, work / "plain-site"),
            "plain_i18n": lambda: plain_build(i18n, work / "plain-i18n-site"),
        },
        runs,
    )
    pages = sum(1 for _ in site.rglob("index.html"))
    languages = 1 + len(locales(yaml.safe_load(built.read_text(encoding="utf-8"))))
    return {
        **timings,
        "pages": pages,
        "languages": languages,
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
    """Rewrite the copy's data/ as `areas` areas x `levels` levels, cloned from the real ones.
    The real areas keep their ids, which the hand-written pages and the changelog link to;
    the others are area-5, area-6 and so on."""
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
    model["areas"] = [*model["areas"], *(f"area-{n}" for n in range(len(sources), areas))]
    model["areas"] = model["areas"][:areas]
    for n, area_id in enumerate(model["areas"]):
        area = copy.deepcopy(sources[n % len(sources)])
        if n >= len(sources):
            area.update(id=area_id, title=f"Area {n}")
        if levels != real_levels:
            area["levels"] = _levels(area["levels"], levels)
        (data / "areas" / f"{area_id}.yml").write_text(
            yaml.safe_dump(area, sort_keys=False, allow_unicode=True), encoding="utf-8"
        )
    (data / "model.yml").write_text(yaml.safe_dump(model, sort_keys=False), encoding="utf-8")
    # Translations of the areas key practices by id and level, which _levels changes.
    if levels != real_levels:
        for overlays in (data / "i18n").glob("*/areas"):
            shutil.rmtree(overlays)


def _levels(cells: dict[int, dict], levels: int) -> dict[int, dict]:
    """`levels` cells from the real ones: the extra levels reuse a middle cell, the top level
    keeps the real top cell (it has no next steps). A reused cell gets ids of its own at each
    level, and every cell's first next step leads to every practice of the level above, as
    the model's checks ask."""
    top = len(cells) - 1
    result = {
        level: copy.deepcopy(cells[top] if level == levels - 1 else cells[min(level, top - 1)])
        for level in range(levels)
    }
    for level, cell in result.items():
        for practice in cell.get("practices", []):
            practice["id"] = f"{practice['id']}-{level}"
    for level, cell in result.items():
        above = [p["id"] for p in result.get(level + 1, {}).get("practices") or []]
        for n, step in enumerate(cell.get("next_steps", [])):
            step["id"] = f"{step['id']}-{level}"
            if "leads_to" in step and above:
                step["leads_to"] = above if n == 0 else above[:1]
    return result


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
    """The line that says why: an overview that does not fit names the longest cells."""
    lines = stderr.strip().splitlines()
    for line in lines:
        if "Error" in line or "error" in line or "does not fit" in line:
            return line.strip()[:160]
    return lines[-1][:160] if lines else ""


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
    lines = [
        f"Machine: {machine()}",
        f"Each figure: median of {runs} runs after one warm-up; the builds take turns, one of "
        "each per round. CPU: user + system seconds of every process the step ran. Load: the "
        "1-minute load average as the section began and ended.",
        "",
    ]
    loads = results.get("load", {})
    if "build" in results:
        b = results["build"]
        lines += [
            f"| Build ({_load(loads, 'build')}) | wall s | CPU s "
            "| vs plain Material, wall / CPU | vs plain Material + i18n, wall / CPU |",
            "| --- | ---: | ---: | ---: | ---: |",
        ]
        rows = (
            (f"plain Material: the same {b['pages']} pages in one build, one nav", "plain"),
            (
                f"plain Material + the i18n plugin: the same pages as {b['languages']} "
                "languages, the real nav",
                "plain_i18n",
            ),
            ("make site, cold: no build/ (fresh clone, CI)", "full_cold"),
            ("make site, warm: PDF inputs unchanged", "full_warm"),
            ("warm, its generator alone (`scripts.cli generate`)", "generator"),
            ("warm, its engine alone (`mkdocs build -f build/mkdocs.yml`)", "engine"),
        )
        lines += [_ratio_row(name, b[key], b["plain"], b["plain_i18n"]) for name, key in rows]
        lines.append("")
    if "pdf" in results:
        p = results["pdf"]
        lines += [
            f"| One PDF (US Letter, fit loop included; {_load(loads, 'pdf')}) | wall s | CPU s |",
            "| --- | ---: | ---: |",
            f"| cold: new Python process, import to file | {p['cold'].wall:.2f} "
            f"| {p['cold'].cpu:.2f} |",
            f"| warm: already imported | {p['warm'].wall:.2f} | {p['warm'].cpu:.2f} |",
            f"| fitted font size | {p['font_size']:g} pt | |",
            "",
        ]
    if "serve" in results:
        lines += [
            f"| `make serve` ({_load(loads, 'serve')}) | seconds |",
            "| --- | ---: |",
            f"| save an area's YAML -> new matrix page and PDF served | {results['serve']:.2f} |",
            "",
        ]
    if "scale" in results:
        lines += [
            f"| Synthetic model ({_load(loads, 'scale')}) | cold build, wall s | CPU s | PDF |",
            "| --- | ---: | ---: | --- |",
        ]
        lines += [
            f"| {r['areas']} areas x {r['levels']} levels | {r['seconds'].wall:.2f} "
            f"| {r['seconds'].cpu:.2f} | {r['pdf']} |"
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


def _ratio_row(name: str, timing: Timing, *twins: Timing) -> str:
    ratios = " | ".join(f"{timing.wall / t.wall:.2f} / {timing.cpu / t.cpu:.2f}" for t in twins)
    return f"| {name} | {timing.wall:.2f} | {timing.cpu:.2f} | {ratios} |"


def _load(loads: dict, section: str) -> str:
    start, end = loads.get(section, (None, None))
    return f"load {start:.1f} -> {end:.1f}" if start is not None else "load not measured"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.tooling.bench", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--write", type=Path, help="also write the table into this Markdown file")
    parser.add_argument("--skip", default="", help="comma-separated: build,pdf,serve,scale,weight")
    args = parser.parse_args(argv)
    skip = set(filter(None, args.skip.split(",")))
    results: dict = {"load": {}}

    def section(name: str, measure: Callable[[], object]) -> None:
        print(f"{name} ...", file=sys.stderr)
        start = os.getloadavg()[0]
        results[name] = measure()
        results["load"][name] = (start, os.getloadavg()[0])

    with tempfile.TemporaryDirectory(prefix="amm-bench-") as tmp:
        work = Path(tmp)
        if not {"build", "weight"} <= skip:
            section("build", lambda: bench_build(work, args.runs))
        if "pdf" not in skip:
            section("pdf", lambda: bench_pdf(args.runs))
        if "serve" not in skip:
            section("serve", lambda: bench_serve(work, args.runs))
        if "scale" not in skip:
            section("scale", lambda: bench_scale(work, args.runs))
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
