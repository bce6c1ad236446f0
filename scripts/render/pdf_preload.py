"""What the PDF workers' fork server imports before it forks them (pdf_cache._workers), so
that a build imports WeasyPrint once, not once per worker: 0.45 s of CPU each time.

Without Pango the import fails, and the fork server must still start: each worker then
tries again when it renders, and says what to install (pdf._weasyprint).
"""

import contextlib

from scripts.render import pdf  # noqa: F401  (what the workers run)

with contextlib.suppress(OSError):  # how cffi says a shared library cannot be loaded
    import weasyprint  # noqa: F401
