"""A one-page PDF that says why the real one is missing, made without WeasyPrint.

On a machine without Pango the overview cannot be laid out, but `make serve` still shows
every page; its PDF links open this note instead of a 404. pydyf (WeasyPrint's own PDF
writer, pure Python) writes it with a font every PDF reader has built in.
"""

import io
import textwrap

import pydyf

WIDTH, HEIGHT, MARGIN, SIZE = 612, 396, 48, 13  # half a Letter page, landscape


def pdf(title: str, text: str) -> bytes:
    document = pydyf.PDF()
    font = pydyf.Dictionary(
        {
            "Type": "/Font",
            "Subtype": "/Type1",
            "BaseFont": "/Helvetica",
            "Encoding": "/WinAnsiEncoding",
        }
    )
    document.add_object(font)
    stream = pydyf.Stream()
    stream.begin_text()
    stream.set_font_size("F1", SIZE + 5)
    stream.set_text_matrix(1, 0, 0, 1, MARGIN, HEIGHT - MARGIN - SIZE)
    stream.show_text_string(title)
    stream.set_font_size("F1", SIZE)
    for line in textwrap.wrap(text, 80):
        stream.move_text_to(0, -SIZE * 1.5)
        stream.show_text_string(line)
    stream.end_text()
    document.add_object(stream)
    page = pydyf.Dictionary(
        {
            "Type": "/Page",
            "Parent": document.pages.reference,
            "MediaBox": pydyf.Array([0, 0, WIDTH, HEIGHT]),
            "Contents": stream.reference,
            "Resources": pydyf.Dictionary({"Font": pydyf.Dictionary({"F1": font.reference})}),
        }
    )
    document.add_page(page)
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()
