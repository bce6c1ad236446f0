"""`mkdocs serve` as a contributor runs it: prompt rebuilds, and nothing left running after."""

import socket
import time
from pathlib import Path
from types import SimpleNamespace
from urllib.request import urlopen

from mkdocs.livereload import LiveReloadServer

from scripts.engines import mkdocs_hook
from scripts.render.problem_banner import add_panel
from scripts.render.urls import PDF_FILES
from scripts.source.problems import REPORT_MAX, Problem
from scripts.tooling.project import _env, _run, hook_build, serve
from tests.htmltools import Page


def test_serve_watches_the_sources_every_tenth_of_a_second_not_the_tree(tmp_path: Path):
    for folder in ("build/docs", "content", "data"):
        (tmp_path / folder).mkdir(parents=True)
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    tree = str(tmp_path / "build" / "docs")
    server.watch(tree)  # MkDocs watches docs_dir (the generated tree) before on_serve
    assert [e.timeout for e in server.observer.emitters] == [0.5]

    config = SimpleNamespace(docs_dir=tree)
    assert mkdocs_hook.on_serve(server, config=config, builder=None) is server
    assert not server.observer.emitters
    for source in ("content", "data"):  # and mkdocs.yml's `watch:` after it
        server.watch(str(tmp_path / source))
    watched = sorted((e.watch.path, e.timeout) for e in server.observer.emitters)
    assert watched == [(str(tmp_path / s), mkdocs_hook.POLL_SECONDS) for s in ("content", "data")]


def children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended while we looked
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def alive(pids: set[int]) -> set[int]:
    return {pid for pid in pids if Path(f"/proc/{pid}").exists()}


def test_killing_serve_does_not_leave_pdf_workers_behind(project: Path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = serve(project, port)  # its first build finds the PDFs make generate made
    pdf_url = f"http://127.0.0.1:{port}/one-page-maturity-overview.pdf"
    try:
        deadline = time.monotonic() + 120
        before = b""
        while not before:
            try:
                before = urlopen(pdf_url).read()
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "serve did not start"
                time.sleep(0.2)
        # A saved edit makes serve render both PDFs anew, in its own worker processes.
        area = project / "data" / "areas" / "meetings.yml"
        area.write_text(area.read_text().replace("title: Meetings", "title: Meetings again"))
        while urlopen(pdf_url).read() == before:
            assert server.poll() is None and time.monotonic() < deadline, "no rebuild"
            time.sleep(0.2)
        workers = children(server.pid)
        assert len(workers) >= 2
    finally:
        server.kill()  # SIGKILL: no chance for MkDocs or Python to clean up
        server.wait()
    deadline = time.monotonic() + 10
    while alive(workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive(workers)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


def test_the_problem_panel_escapes_what_it_quotes_and_sits_in_the_main_content():
    page = '<html><body dir="ltr"><main class="md-main" data-md-component="main"><h1>Meetings'
    trick = Problem("data/areas/meetings.yml", 3, "title", "starts with '<script>alert(1)'")
    html = add_panel(page, [trick])
    assert html.index("<main") < html.index('<section role="alert"') < html.index("<h1>")
    shown = parse(html)
    assert shown.find("code")[0].text == "data/areas/meetings.yml:3"
    assert shown.find("li")[0].text == str(trick)
    assert not shown.find("script")
    many = [Problem("data/model.yml", n, "", "is wrong") for n in range(1, REPORT_MAX + 6)]
    listed = parse(add_panel(page, many))
    assert len(listed.find("li")) == REPORT_MAX
    assert listed.find("h2")[0].text == f"{REPORT_MAX + 5} problems in the data"
    assert "5 more" in listed.find("section")[0].text


def test_a_bad_save_shows_its_problems_in_the_browser_until_a_good_one(project: Path):
    port = free_port()
    server = serve(project, port)
    page_url = f"http://127.0.0.1:{port}/areas/meetings/"
    area = project / "data" / "areas" / "meetings.yml"
    good = area.read_text()

    def page_once(predicate) -> str:
        deadline = time.monotonic() + 120
        while True:
            try:  # a request never hangs on a failed build: the timeout would fail it
                html = urlopen(page_url, timeout=60).read().decode()
            except OSError:
                html = ""
            if html and predicate(html):
                return html
            assert server.poll() is None and time.monotonic() < deadline, "no such page"
            time.sleep(0.2)

    try:
        page_once(lambda html: "<h1" in html)
        area.write_text(good.replace("title: Meetings", "title: [Meetings", 1))
        broken = parse(page_once(lambda html: 'role="alert"' in html))
        assert broken.find("code")[0].text == "data/areas/meetings.yml:3"
        assert "quotes" in broken.find("section", role="alert")[0].text
        assert broken.find("h1")[0].text.strip().startswith("Meetings")  # the last good page
        area.write_text(good.replace("title: Meetings", "title: Meetings again", 1))
        fixed = parse(page_once(lambda html: "Meetings again" in html))
        assert not fixed.find("section", role="alert")
    finally:
        server.kill()
        server.wait()


def test_serving_one_language_builds_it_and_english_alone(project: Path, tmp_path: Path):
    site = tmp_path / "site"
    result = hook_build(project, site, language="es")
    assert result.returncode == 0, result.stderr
    built = {p.relative_to(site).as_posix() for p in site.rglob("*.pdf")}
    assert built == {f"{prefix}{name}" for prefix in ("", "es/") for name in PDF_FILES.values()}
    spanish = (site / "es" / "matrix" / "index.html").read_text(encoding="utf-8")
    assert 'lang="es"' in spanish and "El modelo de un vistazo" in spanish
    assert 'lang="en"' in (site / "matrix" / "index.html").read_text(encoding="utf-8")
    assert not (site / "de").exists(), "German is not built when Spanish is served"
    tree = project / "build" / "docs"
    assert (tree / "es" / "matrix" / "index.md").is_file()
    assert not (tree / "de").exists(), "nor are its pages composed and written"


def test_serving_a_language_the_site_lacks_names_the_ones_it_has(project: Path):
    result = _run(project, _env(project), "scripts.cli", "generate", "--language", "fr")
    assert result.returncode == 1
    assert "fr is not a language of the site (en, es, de)" in result.stderr
