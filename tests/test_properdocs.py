"""The site also builds with ProperDocs, the MkDocs 1.x fork, for when MkDocs or Material stall.

ProperDocs reads mkdocs.yml when given it with -f, finds Material and mkdocs-macros through
their `mkdocs.*` entry points, and maps `import mkdocs...` in our hooks onto itself. The
test holds it to the same output as the MkDocs build, page for page and byte for byte,
except for the generator tag each writes into the HTML head.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import mkdocs_build

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def test_properdocs_builds_the_same_site_as_mkdocs(project: Path, tmp_path: Path):
    # Both builds from one copy, so the comparison is between the tools, not two moments.
    site, out = tmp_path / "mkdocs-site", tmp_path / "properdocs-site"
    assert mkdocs_build(project, site).returncode == 0
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "properdocs",
            "build",
            "--strict",
            "-f",
            "mkdocs.yml",
            "-d",
            str(out),
        ],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(project), "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr

    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    built = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert built == files
    assert {"model.json", "changelog/index.html", "one-page-maturity-overview.pdf"} <= set(built)
    for name in files:
        if name.endswith(".gz"):  # gzip stores a timestamp; its content is sitemap.xml
            continue
        ours, theirs = (site / name).read_bytes(), (out / name).read_bytes()
        if name.endswith(".html"):
            assert b"ProperDocs" in GENERATOR.search(theirs).group(0), name
            ours, theirs = GENERATOR.sub(b"", ours), GENERATOR.sub(b"", theirs)
        assert ours == theirs, f"{name} differs between MkDocs and ProperDocs"
