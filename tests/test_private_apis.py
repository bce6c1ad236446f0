"""The two places that reach into another library's private attributes, held to what they
rely on, so that an upgrade that moves them fails here by name instead of silently."""

from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from scripts.render import inline


def test_markdown_registries_still_list_processors_by_priority():
    # inline.py removes every block processor but paragraphs, through Registry._priority.
    md = inline._converter()
    assert {item.name for item in md.parser.blockprocessors._priority} == {"empty", "paragraph"}
    assert "html_block" not in {item.name for item in md.preprocessors._priority}


def test_watchdog_pollers_still_keep_their_interval_in_timeout(tmp_path: Path):
    # The MkDocs hook shortens the poll interval through the observer's _timeout.
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(tmp_path))
    pollers = [server.observer, *server.observer.emitters]
    assert all(isinstance(getattr(p, "_timeout", None), float) for p in pollers)
