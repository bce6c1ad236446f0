"""Which data files passed their JSON Schema in the last build, so that unchanged ones skip it.

Checking a file needs jsonschema, and importing it alone costs a tenth of a build whose
PDFs are cached; most builds, and every `mkdocs serve` rebuild, read files that did not
change. A file skips the check only when its parsed data, its schema and the installed
jsonschema are exactly those of a check it passed, so the outcome is the one a new check
would give. Only passes are remembered: a file with problems is checked every time.

The memo holds the passes of the latest build only, so it never grows.
"""

import hashlib
import os
from functools import cache
from importlib.metadata import version
from pathlib import Path


class SchemaMemo:
    def __init__(self, path: Path):
        self.path = path
        try:
            self._before = set(path.read_text(encoding="utf-8").split())
        except OSError:  # no build yet, or an unreadable cache: check everything
            self._before = set()
        self._passed: set[str] = set()

    def recall(self, schema_text: str, data: object) -> tuple[str, bool]:
        """The key of this check, and whether it passed before."""
        digest = hashlib.sha256()
        # YAML gives plain dicts, lists, strings, numbers, booleans, None and dates, whose
        # repr is exact: "1" and 1, or a date and its text, never share a key.
        for part in (_jsonschema_version(), schema_text, repr(data)):
            digest.update(part.encode() + b"\0")
        key = digest.hexdigest()
        if key in self._before:
            self._passed.add(key)
            return key, True
        return key, False

    def passed(self, key: str) -> None:
        self._passed.add(key)

    def save(self) -> None:
        if self._passed == self._before:  # the usual build: nothing changed, nothing to write
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_suffix(f".{os.getpid()}.part")
        partial.write_text("".join(f"{key}\n" for key in sorted(self._passed)), encoding="utf-8")
        partial.replace(self.path)  # a concurrent build reads the old memo or the new one


@cache
def _jsonschema_version() -> str:
    return version("jsonschema")
