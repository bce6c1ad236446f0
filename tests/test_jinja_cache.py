"""Compiled templates kept in build/cache/jinja/ from one build to the next, never at the
cost of an edit: the theme's under `mkdocs serve` (the hook sets it up), and the generator's
templates and hand-written pages on every build."""

from pathlib import Path

import jinja2

from scripts.render import jinja_cache
from tests.conftest import hook_build


def test_environments_that_compile_differently_do_not_share_a_folder(tmp_path: Path):
    def folder(env: jinja2.Environment) -> str:
        return jinja_cache.on_disk(env, tmp_path).directory

    plain = folder(jinja2.Environment())
    assert folder(jinja2.Environment()) == plain
    assert folder(jinja2.Environment(autoescape=True)) != plain
    assert folder(jinja2.Environment(trim_blocks=True)) != plain
    assert folder(jinja2.Environment(comment_start_string="{##")) != plain


def test_an_edited_template_shows_in_the_next_build(project: Path, tmp_path: Path):
    first = hook_build(project, tmp_path / "one")
    assert first.returncode == 0, first.stderr
    compiled = list((project / "build" / "cache" / "jinja").rglob("*.cache"))
    assert len({path.parent for path in compiled}) == 2  # the theme's and the generator's

    override, matrix, page_source = (
        project / "overrides" / "main.html",
        project / "scripts/render/templates/matrix.html",
        project / "content" / "matrix" / "index.md",
    )
    block = "{% block announce %}"
    assert block in override.read_text()
    override.write_text(override.read_text().replace(block, f"{block}Edited override."))
    matrix.write_text(matrix.read_text().replace("The highest level is at the top.", "Top: best."))
    page_source.write_text(
        page_source.read_text().replace("{{ matrix() }}", "{{ matrix() }}\n\nEdited.")
    )
    again = hook_build(project, tmp_path / "two")
    assert again.returncode == 0, again.stderr
    page = (tmp_path / "two" / "matrix" / "index.html").read_text()
    assert "Edited override." in page
    assert "Top: best." in page
    assert "<p>Edited.</p>" in page
