"""The quality gates as plain functions, so they can be run on the real site and, in
tests of their own, on small pages that are broken on purpose.

Browser gates take a Playwright page that has loaded the page under test; static gates
read files. Each returns a list of human-readable problems: empty means the gate passes.
"""

import json
import posixpath
import subprocess
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

ROOT = Path(__file__).resolve().parents[2]
LOOPBACK = "127.0.0.1"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus axe's best practices. (WCAG 2.2 added
# no level-A rule to axe, so there is no "wcag22a" tag.)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

# Errors the Nu Html Checker reports on markup that Material itself writes outside any
# template block we could override. Each entry is (a fragment of the message, a fragment
# of the offending source) so that the same error in our own markup still fails; keep
# the list short and say why each entry is harmless.
VNU_ALLOWED = [
    # base.html's hidden drawer and search toggles carry autocomplete="off" so that
    # Firefox does not restore them open on "back"; browsers ignore it elsewhere.
    ("Attribute “autocomplete” is only allowed", 'class="md-toggle" data-md-toggle='),
]


# ---------------------------------------------------------------- browser gates


def axe_violations(page) -> list[str]:
    """axe-core's violations of AXE_TAGS on the loaded page, one line per failing node."""
    if not page.evaluate("() => Boolean(window.axe)"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """tags => axe.run(document, {
            runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})""",
        AXE_TAGS,
    )
    return [
        f"{violation['id']}: {violation['help']} at {', '.join(map(str, node['target']))}"
        for violation in result["violations"]
        for node in violation["nodes"]
    ]


def horizontal_overflow(page) -> list[str]:
    """The page scrolls sideways: its content is wider than the viewport."""
    width = page.evaluate(
        "() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
    )
    scroll, client = width
    return (
        [f"scrolls horizontally: {scroll} px of content in {client} px"] if scroll > client else []
    )


# A cell counts as shown when some visible link to it has its text wholly inside the
# viewport: on a phone the table gives way to per-area lists, which must then carry
# every cell. The text's own box matters, since it can overflow the link's block box.
_CELLS_SHOWN = """() => {
    const width = document.documentElement.clientWidth;
    const shown = new Set();
    const range = document.createRange();
    for (const link of document.querySelectorAll('a[href]')) {
        range.selectNodeContents(link);
        const box = range.getBoundingClientRect();
        const style = getComputedStyle(link);
        const visible = box.width > 0 && box.height > 0 && style.visibility !== 'hidden';
        if (visible && box.left >= -0.5 && box.right <= width + 0.5) shown.add(link.href);
    }
    const cells = [...document.querySelectorAll('table.amm-matrix td a[href]')]
        .map(link => link.href);
    return {cells, missing: cells.filter(href => !shown.has(href))};
}"""


def matrix_cells_hidden(page) -> list[str]:
    """Cells of the matrix that a reader cannot see without scrolling sideways."""
    found = page.evaluate(_CELLS_SHOWN)
    if not found["cells"]:
        return ["no matrix cell found (table.amm-matrix td a)"]
    return [f"cell not shown in the viewport: {href}" for href in found["missing"]]


def print_pages(page, papers=("Letter", "A4"), landscape: bool = True, one_page: bool = True):
    """Printing the page (Chromium's own PDF) gives one page on each paper, in the
    orientation asked for: landscape for the matrix, portrait for running text.

    The paper is Chromium's default for the orientation that the page's CSS asks for.
    """
    from io import BytesIO

    from pypdf import PdfReader

    problems = []
    for paper in papers:
        pdf = page.pdf(format=paper, prefer_css_page_size=True, print_background=True)
        reader = PdfReader(BytesIO(pdf))
        if one_page and len(reader.pages) != 1:
            problems.append(f"{paper}: prints on {len(reader.pages)} pages, not 1")
        box = reader.pages[0].mediabox
        if (box.width > box.height) != landscape:
            shape = "portrait" if box.width <= box.height else "landscape"
            problems.append(f"{paper}: prints in {shape} ({box.width:g} x {box.height:g} pt)")
    return problems


def widen_matrix(page, areas: int) -> None:
    """Give the loaded matrix `areas` columns by repeating its own, to print a bigger model."""
    page.evaluate(
        """areas => {
            for (const row of document.querySelectorAll('table.amm-matrix tr')) {
                const cells = [...row.children].slice(1);
                for (let i = 0; row.children.length < areas + 1; i++)
                    row.append(cells[i % cells.length].cloneNode(true));
            }
        }""",
        areas,
    )


def guard_loopback(context, outside: list[str]) -> None:
    """Abort every request to a host other than 127.0.0.1 and append its URL to `outside`."""

    def route(route) -> None:
        url = route.request.url
        if urlsplit(url).hostname == LOOPBACK:
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", route)


@dataclass
class Report:
    """What one page did in one view (colour scheme and width)."""

    scheme: str
    width: int
    path: str
    axe: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)  # blocked requests to other hosts
    errors: list[str] = field(default_factory=list)  # console errors, uncaught exceptions
    overflow: list[str] = field(default_factory=list)
    matrix: list[str] | None = None  # None: the page has no matrix

    def __str__(self) -> str:
        return f"/{self.path} ({self.scheme}, {self.width} px)"


def sweep(browser, base_url: str, paths: list[str], views) -> list[Report]:
    """Load every page in every (scheme, width) view and run the browser gates on it.

    One context per view, reused across pages, keeps this to a few seconds per view.
    """
    return [report for view in views for report in _sweep_view(browser, base_url, paths, *view)]


def _sweep_view(browser, base_url: str, paths: list[str], scheme: str, width: int):
    context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 900})
    outside: list[str] = []
    errors: list[str] = []
    guard_loopback(context, outside)
    page = context.new_page()
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    try:
        for path in paths:
            page.goto(base_url + path, wait_until="load")
            report = Report(scheme, width, path, axe=axe_violations(page))
            report.overflow = horizontal_overflow(page)
            if page.locator("table.amm-matrix").count():
                report.matrix = matrix_cells_hidden(page)
            # Drain what this page did, so the next page starts with empty lists.
            report.outside, report.errors = outside[:], errors[:]
            outside.clear()
            errors.clear()
            yield report
    finally:
        context.close()


# ---------------------------------------------------------------- static gates


def html_pages(site: Path) -> list[str]:
    """Every HTML page of a built site, as a URL path relative to the site root."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return pages


def file_of(page: str) -> str:
    """The file a page path from html_pages() is stored in."""
    return page + "index.html" if page == "" or page.endswith("/") else page


def site_url_of(site: Path) -> str:
    """The site_url the site was built with: the first <loc> of its sitemap, the home page."""
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    return sitemap.split("<loc>", 1)[1].split("</loc>", 1)[0].strip()


def vnu_errors(files: list[Path]) -> list[str]:
    """The Nu Html Checker's errors for `files`, minus VNU_ALLOWED; one JVM for all files."""
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    return [
        f"{unquote(urlsplit(m.get('url', '')).path)}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if m["type"] == "error"
        and not any(
            message in m["message"] and source in m.get("extract", "")
            for message, source in VNU_ALLOWED
        )
    ]


class _Anchors(HTMLParser):
    """The ids (and legacy names) a page defines and the URLs it references."""

    REFERENCES = {
        "a": "href",
        "link": "href",
        "area": "href",
        "script": "src",
        "img": "src",
        "source": "src",
        "iframe": "src",
        "form": "action",
    }

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        self.ids.update(attributes[key] for key in ("id", "name") if attributes.get(key))
        url = attributes.get(self.REFERENCES.get(tag, ""))
        if url is not None:
            self.urls.append(url)


class Site:
    """A built site on disk, which resolves the URLs that its pages, PDFs and data use."""

    def __init__(self, root: Path, site_url: str) -> None:
        self.root = root
        self.site_url = site_url
        self._parsed: dict[Path, _Anchors] = {}

    def parse(self, path: Path) -> _Anchors:
        if path not in self._parsed:
            parser = _Anchors()
            parser.feed(path.read_text(encoding="utf-8"))
            self._parsed[path] = parser
        return self._parsed[path]

    def target(self, site_path: str) -> Path | None:
        """The file a URL path (relative to the site root) is served from, if any."""
        path = self.root / unquote(site_path).lstrip("/")
        if path.is_dir():
            path = path / "index.html"
        return path if path.is_file() else None

    def check(self, url: str, base: str, where: str) -> list[str]:
        """Problems with `url` as seen from `base` (a URL path relative to the root)."""
        if url.startswith(self.site_url):
            url = "/" + url[len(self.site_url) :]
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            return []  # leaves the site: not ours to resolve
        resolved = urlsplit(urljoin("/" + base, url))
        path = posixpath.normpath(resolved.path) + ("/" if resolved.path.endswith("/") else "")
        target = self.target(path)
        if target is None:
            return [f"{where}: {url} -> no file at {path}"]
        fragment = unquote(resolved.fragment)
        if fragment and target.suffix == ".html" and fragment not in self.parse(target).ids:
            return [f"{where}: {url} -> no #{fragment} in {target.relative_to(self.root)}"]
        return []


def broken_html_links(site: Site) -> list[str]:
    problems = []
    for page in html_pages(site.root):
        for url in site.parse(site.root / file_of(page)).urls:
            problems += site.check(url, page, f"/{page}")
    return problems


def pdf_links(pdf: Path) -> list[tuple[int, str]]:
    """(page number, URI) of every link annotation in a PDF."""
    from pypdf import PdfReader

    links = []
    for number, page in enumerate(PdfReader(pdf).pages, 1):
        for annotation in page.get("/Annots") or []:
            uri = (annotation.get_object().get("/A") or {}).get("/URI")
            if uri:
                links.append((number, str(uri)))
    return links


def broken_pdf_links(site: Site) -> list[str]:
    """Links in the PDFs' annotations that point into the site but miss."""
    return [
        problem
        for pdf in sorted(site.root.glob("*.pdf"))
        for number, uri in pdf_links(pdf)
        if uri.startswith(site.site_url)
        for problem in site.check(uri, "", f"{pdf.name} p.{number}")
    ]


def broken_json_links(site: Site, name: str = "model.json") -> list[str]:
    """Permalinks in the site's JSON export (any string under the site URL) that miss."""
    path = site.root / name
    if not path.is_file():
        return []
    problems = []

    def walk(value, where: str) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{where}.{key}")
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, f"{where}[{index}]")
        elif isinstance(value, str) and value.startswith(site.site_url):
            problems.extend(site.check(value, "", f"{name}{where}"))

    walk(json.loads(path.read_text(encoding="utf-8")), "")
    return problems
