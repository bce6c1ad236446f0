"""The one-pagers as tagged PDF (PDF/UA-1), checked from the file itself.

veraPDF cannot be installed here, so these read the structure tree with pypdf and check
what a screen reader relies on and what the Matterhorn protocol tests most often fail:
every link annotation hangs from a Link element, one per target in each cell, and says
where it goes; table headers name their scope; language, title and fonts are set.
"""

import json
from collections import Counter
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from scripts.render import assessment, pdf, report, urls
from scripts.source.load import load_model

MODEL = load_model()
SITE_URL = "https://teams.example.org/async/"
TEAM = {
    "model_version": MODEL.version,
    "team": "Platform team",
    "date": "2025-03-04",
    "areas": {area.id: {"current": 1, "target": 2} for area in MODEL.areas},
}


def obj(value):
    return value.get_object() if isinstance(value, IndirectObject) else value


def struct_elements(reader: PdfReader):
    """Every structure element, depth first, each with its parent's list of ancestors."""
    root = obj(reader.trailer["/Root"]["/StructTreeRoot"])
    stack = [(obj(root["/K"]), ())]
    while stack:
        node, ancestors = stack.pop()
        if isinstance(node, ArrayObject):
            stack.extend((obj(kid), ancestors) for kid in reversed(node))
        elif isinstance(node, DictionaryObject) and "/S" in node:
            yield node, ancestors
            kids = obj(node.get("/K"))
            if kids is not None:
                kids = kids if isinstance(kids, ArrayObject) else [kids]
                stack.extend((obj(kid), (*ancestors, node)) for kid in reversed(kids))


def link_annotations(reader: PdfReader):
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = obj(annotation)
            if annotation["/Subtype"] == "/Link":
                yield annotation


def parent_of(reader: PdfReader, annotation) -> DictionaryObject:
    """The structure element that the annotation's /StructParent maps to."""
    nums = obj(obj(reader.trailer["/Root"]["/StructTreeRoot"])["/ParentTree"])["/Nums"]
    mapping = dict(zip(nums[::2], nums[1::2], strict=True))
    return obj(mapping[annotation["/StructParent"]])


def annotation_of(link: DictionaryObject):
    """The annotation objects an element's /OBJR kids point at."""
    kids = obj(link.get("/K"))
    kids = kids if isinstance(kids, ArrayObject) else [kids]
    return [
        obj(obj(kid)["/Obj"])
        for kid in kids
        if isinstance(obj(kid), DictionaryObject) and obj(kid).get("/Type") == "/OBJR"
    ]


def problems(data: bytes) -> list[str]:
    """What keeps the PDF from being a usable tagged PDF; empty means it passes."""
    reader = PdfReader(BytesIO(data))
    root = reader.trailer["/Root"]
    found = []
    if not str(root.get("/Lang", "")):
        found.append("no /Lang on the catalog")
    if not bool(obj(root.get("/ViewerPreferences", {})).get("/DisplayDocTitle")):
        found.append("DisplayDocTitle is not set")
    if not reader.metadata or not reader.metadata.title:
        found.append("no document title")
    xmp = obj(root["/Metadata"]).get_data().decode() if "/Metadata" in root else ""
    if "pdfuaid:part" not in xmp:
        found.append("no PDF/UA identifier (pdfuaid:part) in the XMP metadata")
    for page in reader.pages:
        for name, font in (obj(page["/Resources"]).get("/Font") or {}).items():
            font = obj(font)
            descendant = obj(font["/DescendantFonts"][0]) if "/DescendantFonts" in font else font
            descriptor = obj(descendant.get("/FontDescriptor", {}))
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                found.append(f"font {name} ({font.get('/BaseFont')}) is not embedded")

    for annotation in link_annotations(reader):
        uri = obj(annotation.get("/A", {})).get("/URI", "?")
        parent = parent_of(reader, annotation)
        if parent.get("/S") != "/Link":
            found.append(f"link to {uri}: its structure parent is {parent.get('/S')}, not Link")
        contents = str(annotation.get("/Contents", ""))
        if not contents or contents == uri or contents.startswith(("http:", "https:")):
            found.append(f"link to {uri}: /Contents {contents!r} does not describe it")

    elements = list(struct_elements(reader))
    per_cell = Counter()
    for element, ancestors in elements:
        if element["/S"] != "/Link":
            continue
        cell = next((a for a in reversed(ancestors) if a["/S"] in ("/TD", "/TH")), None)
        for annotation in annotation_of(element):
            uri = obj(annotation.get("/A", {})).get("/URI", "?")
            if cell is not None:
                per_cell[(id(cell), uri)] += 1
    for (_, uri), count in per_cell.items():
        if count > 1:
            found.append(f"{count} Link elements for {uri} in one table cell")

    headers = [element for element, _ in elements if element["/S"] == "/TH"]
    if not headers:
        found.append("the table has no TH")
    for th in headers:
        attributes = obj(th.get("/A", {}))
        attributes = attributes if isinstance(attributes, ArrayObject) else [attributes]
        if not any("/Scope" in obj(a) or "/Headers" in obj(a) for a in attributes):
            found.append("a TH has neither /Scope nor /Headers")
    return found


@pytest.fixture(scope="module", params=list(urls.PDF_FILES))
def overview(request) -> bytes:
    return pdf.render(MODEL, SITE_URL, request.param).pdf


def test_the_overview_is_a_usable_tagged_pdf(overview: bytes):
    assert problems(overview) == []


def test_the_team_one_pager_is_a_usable_tagged_pdf(tmp_path: Path):
    source = tmp_path / "team.json"
    source.write_text(json.dumps(TEAM), encoding="utf-8")
    team = assessment.read(source, MODEL)
    assert problems(report.render(MODEL, team, SITE_URL, "letter").pdf) == []


def test_every_cell_is_one_link_with_a_description(overview: bytes):
    """Guards the checks above: they must have found the cells' links to judge."""
    reader = PdfReader(BytesIO(overview))
    cells = {
        SITE_URL + urls.cell_path(a.id, c.level.id): (a, c) for a in MODEL.areas for c in a.cells
    }
    seen = Counter()
    for annotation in link_annotations(reader):
        uri = obj(annotation["/A"])["/URI"]
        if uri in cells:
            seen[uri] += 1
            area, cell = cells[uri]
            assert (
                area.title in annotation["/Contents"] and cell.level.name in annotation["/Contents"]
            )
    assert seen == Counter(dict.fromkeys(cells, 1))
