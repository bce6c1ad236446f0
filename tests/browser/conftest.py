"""Browser fixtures: a built site served on loopback and one headless Chromium per session.

Every browser context made here refuses requests to any host but 127.0.0.1 and records
them, so a page that tries to reach a font CDN or an API fails a test instead of
silently working on a developer's laptop and leaking readers' visits in production.
"""

import contextlib
import functools
import http.server
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.browser.gates import LOOPBACK, guard_loopback

CHROMIUM = "/usr/bin/chromium"
# No sandbox: CI runs as root in a container. The rest keeps Chromium from phoning home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve `directory` on a free loopback port; yields the base URL, ending in '/'."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer((LOOPBACK, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOOPBACK}:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The repository's built site, served on loopback for the whole session."""
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make system-deps`")
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_context(browser) -> Iterator[Callable]:
    """Make browser contexts that stay on loopback; each one is closed after the test.

    Call it with Playwright's new_context options, e.g. `new_context(color_scheme="dark")`;
    the requests it blocked are in `context.outside_requests`.
    """
    contexts = []

    def make(**options):
        context = browser.new_context(**options)
        context.outside_requests = []
        guard_loopback(context, context.outside_requests)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
