"""What the worker processes' fork server imports before it forks them (workers.py), so
that a build imports WeasyPrint and Pillow once, not once per worker: WeasyPrint alone is
0.45 s of CPU each time.

Without Pango WeasyPrint's import fails, and the fork server must still start: the
previews need no Pango, and a PDF worker tries again when it renders, then says what to
install (pdf._weasyprint).
"""

import contextlib

from PIL import ImageDraw, ImageFont  # noqa: F401  (what previews.render draws with)

from scripts.render import pdf, previews  # noqa: F401  (what the workers run)

with contextlib.suppress(OSError):  # how cffi says a shared library cannot be loaded
    import weasyprint  # noqa: F401
