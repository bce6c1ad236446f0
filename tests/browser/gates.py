"""The quality gates as plain functions, so they can be run on the real site and, in
tests of their own, on small pages that are broken on purpose.

Browser gates take a Playwright page that has loaded the page under test; static gates
read files. Each returns a list of human-readable problems: empty means the gate passes.
"""

import json
import os
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


def axe_violations(page, context: str = "document", rules: list[str] | None = None) -> list[str]:
    """axe-core's violations of AXE_TAGS on the loaded page, one line per failing node.

    `context` is a JavaScript expression for the part of the page to check; `rules`, if
    given, narrows the run to those rules.
    """
    if not page.evaluate("() => Boolean(window.axe)"):
        page.add_script_tag(path=str(AXE))
    only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": AXE_TAGS}
    result = page.evaluate(
        f"only => axe.run({context}, {{runOnly: only, resultTypes: ['violations']}})", only
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


# ---------------------------------------------------------------- states beyond rest

# Transitions would have axe measure a colour halfway through a hover or focus fade, and
# the drawer halfway in: every state is checked as it ends up, not on its way there.
NO_MOTION = "*, *::before, *::after { transition: none !important; animation: none !important; }"

# WCAG 1.4.12's test values: what a reader's style sheet may impose without losing content.
TEXT_SPACING = """* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }"""


def still(page) -> None:
    page.add_style_tag(content=NO_MOTION)


# The assessment's page.js loads modules on first use; while one of them, or a file, is on
# its way and what it draws is not drawn yet, <html> carries data-amm-busy.
IDLE = "html:not([data-amm-busy])"


def idle(page, timeout: float | None = None) -> None:
    """Wait until the page has nothing loading or left to draw. Call it after any action
    that may load a module (the first answer, a click, a file, a visit) and before reading
    what it shows. A page that loads nothing on first use never sets the flag."""
    page.wait_for_selector(IDLE, state="attached", timeout=timeout)


def answer_assessment(page) -> None:
    """Answer every question of the loaded assessment (current 1, target the top), so that
    the results, the radar and the keep-and-share buttons are on the page."""
    page.evaluate(
        """() => {
            const radios = document.querySelectorAll('.amm-form input[type=radio]');
            for (const name of new Set([...radios].map(radio => radio.name))) {
                const options = document.getElementsByName(name);
                options[name.startsWith('target-') ? options.length - 1 : 1].click();
            }
        }"""
    )
    page.wait_for_selector("#amm-results:not([hidden])")
    idle(page)
    assert page.locator(".amm-form input[type=radio]:checked").count() > 0, "nothing answered"


# Where the focused element is, and whether it shows that it has focus. A control that
# hides itself behind its label (Material's palette toggle, visually hidden radios) is
# judged by the label that a reader sees.
_FOCUSED = """async () => {
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    const tiny = element.getBoundingClientRect().width < 2;
    const label = [element.nextElementSibling, ...(element.labels || [])]
        .find(node => node && node.tagName === 'LABEL' && getComputedStyle(node).display !== 'none');
    const shown = tiny && label ? label : element;
    // Material opens the search from a focus handler: give it a few frames to show.
    for (let frame = 0; frame < 10 && !shown.checkVisibility({opacityProperty: true,
             visibilityProperty: true}); frame++)
        await new Promise(requestAnimationFrame);
    const box = shown.getBoundingClientRect();
    const hidden = node => {
        for (let at = node; at; at = at.parentElement) {
            const style = getComputedStyle(at);
            if (style.visibility === 'hidden' || style.display === 'none' ||
                Number(style.opacity) === 0) return true;
        }
        return false;
    };
    const ring = node => {
        const style = getComputedStyle(node);
        return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 &&
                !style.outlineColor.endsWith(', 0)')) || style.boxShadow !== 'none';
    };
    const path = [];
    for (let at = element; at && at !== document.body && path.length < 4; at = at.parentElement)
        path.unshift(at.tagName.toLowerCase() + [...at.classList].map(c => '.' + c).join(''));
    const name = (element.id ? '#' + element.id : path.slice(-1)[0]) + ' "' +
        (element.innerText || element.value || element.getAttribute('aria-label') || '')
            .trim().slice(0, 30) + '"';
    const look = getComputedStyle(element);
    return {
        kind: `${path.join(' > ')} ${look.color} on ${look.backgroundColor}`, name,
        onscreen: box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0 &&
            box.left < innerWidth && box.top < innerHeight,
        hidden: hidden(shown), ring: ring(element) || ring(shown),
    };
}"""


# What focus can change about a control: its colours. The rest of axe does not depend on
# which element has focus, and the sweep at rest runs it on every page.
FOCUS_RULES = ["color-contrast", "link-in-text-block"]


def tab_through(page, seen_kinds: set[str], limit: int = 300) -> list[str]:
    """Press Tab from the top of the page until focus comes round again; each stop must be on
    screen, visible, show a focus ring, and pass axe as it is focused. axe runs once per
    kind of control (same tags and classes down from three ancestors, same colours when
    focused) not yet in `seen_kinds`, which the caller shares between the pages of one
    view."""
    problems: list[str] = []
    page.evaluate("() => { document.activeElement?.blur(); window.scrollTo(0, 0); }")
    first = None
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(_FOCUSED)
        if stop is None or stop["name"] + stop["kind"] == first:
            break
        first = first or stop["name"] + stop["kind"]
        if not stop["onscreen"]:
            problems.append(f"Tab reaches {stop['name']} off screen")
        elif stop["hidden"]:
            problems.append(f"Tab reaches {stop['name']}, which is hidden")
        elif not stop["ring"]:
            problems.append(f"{stop['name']} shows no focus ring")
        if stop["kind"] not in seen_kinds:
            seen_kinds.add(stop["kind"])
            problems += [
                f"focused {stop['name']}: {v}"
                for v in axe_violations(page, "document.activeElement", FOCUS_RULES)
            ]
    else:
        problems.append(f"focus did not come round after {limit} Tab presses")
    return problems


def search_open(page, query: str = "decision") -> list[str]:
    """axe with Material's search open and showing results for `query`."""
    page.keyboard.press("Escape")
    page.keyboard.press("/")  # Material's shortcut: opens the search and focuses its field
    page.keyboard.type(query)  # Material searches on key events, which fill() does not send
    page.wait_for_selector(".md-search-result__item mark")
    problems = axe_violations(page)
    page.keyboard.press("Escape")
    return problems


def drawer_open(page) -> list[str]:
    """axe with the navigation drawer open; on a wide screen there is no drawer to open."""
    toggle = page.locator("label.md-header__button[for=__drawer]")
    if not toggle.is_visible():
        return []
    toggle.click()
    page.wait_for_selector(".md-nav--primary > .md-nav__title", state="visible")
    problems = axe_violations(page)
    page.evaluate("() => { document.getElementById('__drawer').checked = false; }")
    return problems


def dialogs_open(page) -> list[str]:
    """axe with each <dialog> of the page open, opened from the keyboard as a reader who
    tabs would, so that its autofocused control shows its focus style."""
    problems = []
    for index in range(page.locator("dialog").count()):
        page.keyboard.press("Shift")
        page.evaluate("i => document.querySelectorAll('dialog')[i].showModal()", index)
        problems += [f"dialog {index + 1} open: {v}" for v in axe_violations(page)]
        page.evaluate("i => document.querySelectorAll('dialog')[i].close()", index)
    return problems


# Text cut off by its own box: an element that clips overflow yet holds more than it
# shows, or SVG text reaching outside its drawing or past the screen's left edge. The
# header's one-line title is left out: it repeats the site's name and the page's <h1>,
# both in full on the page, and the bar it sits in has a fixed height.
_CLIPPED = """() => {
    const found = [];
    const describe = node => node.tagName.toLowerCase() + (node.id ? '#' + node.id : '') +
        [...node.classList].map(c => '.' + c).join('');
    for (const node of document.querySelectorAll('body *')) {
        const style = getComputedStyle(node);
        if (!node.checkVisibility({visibilityProperty: true}) || !node.innerText?.trim() ||
            node.closest('.md-header__topic')) continue;
        const clips = axis => ['hidden', 'clip'].includes(style['overflow' + axis]);
        if ((clips('X') && node.scrollWidth > node.clientWidth + 1) ||
            (clips('Y') && node.scrollHeight > node.clientHeight + 1))
            found.push(`${describe(node)} clips "${node.innerText.trim().slice(0, 40)}"`);
    }
    for (const svg of document.querySelectorAll('svg')) {
        const frame = svg.getBoundingClientRect();
        if (!frame.width) continue;
        const clips = getComputedStyle(svg).overflow === 'hidden';
        for (const text of svg.querySelectorAll('text')) {
            const box = text.getBoundingClientRect();
            const outside = box.left < frame.left - 1 || box.right > frame.right + 1 ||
                box.top < frame.top - 1 || box.bottom > frame.bottom + 1;
            // Past the left edge nothing scrolls into view; past the right, the page would
            // scroll, which horizontal_overflow reports.
            if ((clips && outside) || box.left < -0.5)
                found.push(`${describe(svg)} cuts off "${text.textContent.trim()}"`);
        }
    }
    return found;
}"""


def text_spacing(page) -> list[str]:
    """WCAG 1.4.12: the spacing override makes nothing scroll sideways and clips no text
    that was whole without it (Material cuts long titles short with an ellipsis at rest;
    that is its design, not a loss the spacing causes)."""
    before = page.evaluate(_CLIPPED)
    page.add_style_tag(content=TEXT_SPACING)
    clipped = page.evaluate(_CLIPPED)
    for problem in before:
        if problem in clipped:
            clipped.remove(problem)
    return horizontal_overflow(page) + clipped


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


def weak_titles(site: Path) -> list[str]:
    """Pages titled with the site's name alone, or with another page's title: a reader with
    many tabs or a history list cannot tell them apart. (Material titles its 404 page
    with the site's name alone.) The site's name, in each language, is what every title
    in that language ends with."""
    titles, languages = {}, {}
    for page in html_pages(site):
        text = (site / file_of(page)).read_text(encoding="utf-8")
        titles[f"/{page}"] = text.split("<title>", 1)[-1].split("</title>", 1)[0].strip()
        lang = text.split("<html", 1)[-1].split(">", 1)[0].split('lang="', 1)[-1].split('"')[0]
        languages.setdefault(lang, []).append(f"/{page}")
    problems = []
    for pages in languages.values():
        ending = os.path.commonprefix([titles[page][::-1] for page in pages])[::-1]
        name = ending.strip(" -|·")
        problems += [
            f"{p} is titled with the site's name alone" for p in pages if titles[p] == name
        ]
    pages_of: dict[str, list[str]] = {}
    for page, title in titles.items():
        pages_of.setdefault(title, []).append(page)
    return problems + [
        f"{', '.join(pages)} share the title {title!r}"
        for title, pages in pages_of.items()
        if len(pages) > 1
    ]


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
