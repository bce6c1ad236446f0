"""The build's worker processes, which draw the PDFs and the preview images while the
generator composes the pages (pdf_cache.py, previews.py). A build whose PDFs and images are
all cached starts none.

The workers are forked from a fork server that imported WeasyPrint and Pillow once
(preload.py): spawning them instead made each one import WeasyPrint, and the generator,
again, which was most of a fresh clone's build. The build's own process is never forked:
`mkdocs serve` runs threads, and forking a threaded process can deadlock. Where there is
no fork server (Windows) they are spawned. They stay alive for the life of the process, so
under `mkdocs serve` only the first build pays for starting them.
"""

import atexit
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported to start the workers: a build with everything cached never is
    from concurrent.futures import Future, ProcessPoolExecutor

COUNT = 2  # both papers of a language at once; the machines this runs on have two cores or more

_pool: "ProcessPoolExecutor | None" = None


def submit(function: Callable, *args: object) -> "Future":
    """Run `function(*args)` in a worker; `function` and its arguments must pickle."""
    return _workers().submit(function, *args)


def warm() -> None:
    """Start the fork server now: it imports WeasyPrint and Pillow while the caller loads the
    model, for a build that will surely need it (a fresh clone's, with no cache at all)."""
    import multiprocessing.forkserver

    _workers()
    if "forkserver" in multiprocessing.get_all_start_methods():
        multiprocessing.forkserver.ensure_running()


def _workers() -> "ProcessPoolExecutor":
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _pool
    if _pool is None:
        context: multiprocessing.context.BaseContext
        if "forkserver" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("forkserver")
            multiprocessing.set_forkserver_preload([f"{__package__}.preload"])
        else:
            context = multiprocessing.get_context("spawn")
        _pool = ProcessPoolExecutor(COUNT, mp_context=context, initializer=_exit_with_parent)
        atexit.register(_let_go)
    return _pool


def _let_go() -> None:
    """At exit, stop the workers and their fork server and wait for them, so that a build
    ends with every process it started, and `time make site` counts their CPU. Left to
    the interpreter's shutdown instead, the executor's clean-up found multiprocessing half
    torn down and printed a traceback."""
    import multiprocessing.forkserver

    global _pool
    if _pool is not None:
        _pool.shutdown(wait=True, cancel_futures=True)
        _pool = None
    # Python has no public way to stop the fork server; where this one is missing, the
    # server still exits with the build, unwaited.
    stop = getattr(getattr(multiprocessing.forkserver, "_forkserver", None), "_stop", None)
    if stop is not None:
        stop()


def _exit_with_parent() -> None:
    """In a worker: exit when the build process does. Ctrl+C reaches every process of the
    terminal's group, but an editor or script that stops `mkdocs serve` with a plain kill
    would otherwise leave its workers behind for good."""
    import multiprocessing.connection
    import threading

    parent = multiprocessing.parent_process()
    assert parent is not None, "runs in a worker"

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()
