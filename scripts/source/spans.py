"""Where a value sits in its file, as a range of lines: what an edit link highlights."""

from pathlib import Path

from scripts.source.yaml_source import Path_
from scripts.source.yaml_source import Source as YamlSource


def span(source: YamlSource, path: Path_, text: str) -> tuple[int, int]:
    """First and last line of the value at `path` in `text`, the file `source` was read
    from: from its key to the line before whatever the file holds next, without the blank
    lines and comments in between (they belong to what follows)."""
    first = source.lines[path]
    depth = len(path)
    after = [line for key, line in source.lines.items() if line > first and key[:depth] != path]
    lines = text.splitlines()
    last = min(after) - 1 if after else len(lines)
    while last > first and _between(lines[last - 1]):
        last -= 1
    return first, last


def _between(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def cell_spans(source: YamlSource, file: Path) -> dict[int, tuple[int, int]]:
    """Level id -> the lines of that level's cell in an area file."""
    text = file.read_text(encoding="utf-8")
    return {
        int(level): span(source, ("levels", str(level)), text) for level in source.data["levels"]
    }
