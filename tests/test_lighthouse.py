"""`make bench`'s Lighthouse pass: the server it measures behind, and one real run."""

import gzip
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import Request, urlopen

import pytest

from scripts.tooling import lighthouse


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A page</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="description" content="One page to measure."></head>'
        "<body><main><h1>A page</h1><p>Some text to read.</p></main></body></html>"
    )
    (tmp_path / "404.html").write_text("<!doctype html><title>Page not found</title>")
    (tmp_path / "picture.png").write_bytes(b"\x89PNG not compressed again")
    return tmp_path


def get(url: str) -> tuple[int, dict, bytes]:
    request = Request(url, headers={"Accept-Encoding": "gzip"})
    try:
        with urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_the_server_gzips_text_and_answers_a_missing_page_with_404_html(site: Path):
    with lighthouse.pages_server(site) as base:
        status, headers, body = get(base + "page/")
        assert status == 200 and headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(body) == (site / "page" / "index.html").read_bytes()
        status, headers, body = get(base + "picture.png")
        assert "Content-Encoding" not in headers and body.startswith(b"\x89PNG")
        status, _, body = get(base + "no/such/page/")
        assert status == 404 and b"Page not found" in gzip.decompress(body)


def test_scores_are_read_per_category_and_a_failed_run_says_why():
    report = {"categories": {name: {"score": 0.97} for name in lighthouse.CATEGORIES}}
    assert lighthouse.scores(report) == {name: 97.0 for name in lighthouse.CATEGORIES}
    failed = {"finalDisplayedUrl": "http://127.0.0.1/x/", "runtimeError": {"message": "no page"}}
    with pytest.raises(RuntimeError, match="http://127.0.0.1/x/: no page"):
        lighthouse.scores(failed)
    runs = [dict.fromkeys(lighthouse.CATEGORIES, score) for score in (90, 99, 95)]
    assert lighthouse.medians(runs) == dict.fromkeys(lighthouse.CATEGORIES, 95)


def test_the_table_replaces_only_its_own_block(tmp_path: Path):
    notes = tmp_path / "BENCHMARKS.md"
    notes.write_text(
        "# Benchmarks\n\nProse.\n<!-- lighthouse:start -->\nold\n<!-- lighthouse:end -->\nMore.\n"
    )
    lighthouse.write_block(notes, "lighthouse", "new")
    assert notes.read_text() == (
        "# Benchmarks\n\nProse.\n<!-- lighthouse:start -->\nnew\n<!-- lighthouse:end -->\nMore.\n"
    )


@pytest.mark.skipif(not lighthouse.LIGHTHOUSE.exists(), reason="npm ci installs Lighthouse")
def test_one_real_run_scores_a_page_with_the_systems_chromium(site: Path):
    got = lighthouse.measure(site, 1, {"page": "page/"})
    assert set(got["page"]) == set(lighthouse.CATEGORIES)
    assert all(0 <= score <= 100 for score in got["page"].values())
    assert got["page"]["accessibility"] == 100 and got["page"]["seo"] >= 90
