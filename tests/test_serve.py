"""`mkdocs serve` as a contributor runs it: a saved file starts a rebuild promptly."""

from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from scripts import hooks


def test_serve_looks_for_saved_files_every_tenth_of_a_second(tmp_path: Path):
    for folder in ("content", "data"):
        (tmp_path / folder).mkdir()
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(tmp_path / "content"))  # MkDocs watches docs_dir before on_serve
    assert [e.timeout for e in server.observer.emitters] == [0.5]

    assert hooks.on_serve(server, config=None, builder=None) is server
    server.watch(str(tmp_path / "data"))  # and mkdocs.yml's `watch:` after it
    assert [e.timeout for e in server.observer.emitters] == [hooks.POLL_SECONDS] * 2
