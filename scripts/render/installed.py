"""Which release of a package, or which system library, is installed, for the keys of the
PDF and preview caches.

importlib.metadata answers that too, but importing it (email, zipfile, csv and more) cost
0.09 s of CPU, about a tenth of a build whose caches are warm. The name of the package's
`.dist-info` folder says the same: pip names it after the release it installed.
"""

import ctypes.util
import os
import re
import sys
from functools import cache


@cache
def release(distribution: str) -> str:
    """E.g. "weasyprint-63.1.dist-info"; importlib.metadata's version if no folder says."""
    pattern = re.compile(rf"{re.escape(distribution)}-[^-]+\.dist-info", re.IGNORECASE)
    for folder in sys.path:
        if os.path.isdir(folder):
            found = sorted(name for name in os.listdir(folder) if pattern.fullmatch(name))
            if found:
                return found[0]
    from importlib.metadata import version

    return version(distribution)


@cache
def library(name: str) -> str:
    """The file of a shared library as the system's loader would find it, or "" if none."""
    return ctypes.util.find_library(name) or ""
