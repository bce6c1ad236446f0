"""The site's one-page PDFs, made without holding up the build.

Rendering both overviews takes longer than composing every page, so the generator starts
them in worker processes (`start`) first and collects them (`finish`) before it writes
anything: an overview that does not fit fails before a half-written tree exists.

Each result is stored under build/cache/pdf/<key>/, where the key hashes everything a PDF is
made from: the model, the site URL, scripts/render/ and scripts/model.py, the WeasyPrint
version, the font subsetter and SOURCE_DATE_EPOCH. A build whose inputs did not change
copies the stored files and starts no process at all.

The renders run in the build's worker processes (workers.py).
"""

import hashlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from scripts.model import Model
from scripts.render import installed, urls, workers
from scripts.render.language import ENGLISH, Language, using

if TYPE_CHECKING:
    from concurrent.futures import Future

RENDER = Path(__file__).resolve().parent
# What a PDF is made from: the model's dataclasses and the whole render/ package (code,
# templates, CSS, fonts). A module added to render/ is covered without a list to keep;
# editing the loader, the benchmark or the diff keeps the cache.
PDF_INPUTS = (RENDER.parent / "model.py", RENDER)
KEEP = 8  # cache entries kept: enough for switching branches or SITE_URL back and forth


@dataclass
class Job:
    """The PDFs of one build: site file name -> where its bytes are (or will be)."""

    files: dict[str, Path]
    pending: "list[Future]" = field(default_factory=list)


def key(model: Model, site_url: str, lang: Language = ENGLISH) -> str:
    digest = hashlib.sha256()
    # The model is frozen dataclasses all the way down, so its repr is complete and stable.
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")  # WeasyPrint dates the PDF with it
    # WeasyPrint subsets the fonts with HarfBuzz where it finds the library and with fontTools
    # otherwise: the two write different bytes.
    subsetter = installed.library("harfbuzz-subset") or "fontTools"
    weasyprint = installed.release("weasyprint")
    for part in (repr(model), site_url, repr(lang), weasyprint, subsetter, epoch):
        digest.update(part.encode() + b"\0")
    for path in sorted(p for part in PDF_INPUTS for p in _files(part)):
        if "__pycache__" not in path.parts:
            digest.update(path.relative_to(RENDER.parent).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:24]


def _files(path: Path) -> list[Path]:
    return [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else [path]


def start(
    model: Model, site_url: str, cache: Path, lang: Language = ENGLISH, prefix: str = ""
) -> Job:
    """Find the PDFs in `cache` or start rendering the missing ones in the background;
    `prefix` is where the language's site lives, e.g. "es/"."""
    entry = cache / key(model, site_url, lang)
    job = Job({prefix + name: entry / name for name in urls.PDF_FILES.values()})
    missing = {p: entry / name for p, name in urls.PDF_FILES.items() if not (entry / name).exists()}
    if not missing:
        os.utime(entry)  # most recently used: pruned last
        return job
    entry.mkdir(parents=True, exist_ok=True)
    job.pending = [
        workers.submit(_render, model, site_url, paper, out, lang) for paper, out in missing.items()
    ]
    return job


def finish(job: Job, cache: Path) -> dict[str, Path]:
    """Wait for the renders; raises problems.DoesNotFit if an overview does not fit."""
    for future in job.pending:
        future.result()
    _prune(cache)
    return job.files


def _render(model: Model, site_url: str, paper: str, out: Path, lang: Language) -> float:
    """In a worker: render one overview and store it atomically; returns the font size."""
    from scripts.render import pdf

    with using(lang):
        rendered = pdf.render(model, site_url, paper)
    partial = out.with_suffix(f".{os.getpid()}.part")
    partial.write_bytes(rendered.pdf)
    partial.replace(out)
    return rendered.font_size


def _prune(cache: Path) -> None:
    entries = sorted(
        (p for p in cache.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime, reverse=True
    )
    for stale in entries[KEEP:]:
        shutil.rmtree(stale, ignore_errors=True)
