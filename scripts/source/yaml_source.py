"""Read a YAML file and remember the line every value came from.

PyYAML's composed node tree carries marks; we walk it once to build the plain
data and a {path: line} index, so that later checks can name file and line.
"""

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from scripts.source.problems import Problem

Path_ = tuple[str, ...]


@dataclass
class Source:
    file: str
    data: object
    lines: dict[Path_, int] = field(default_factory=dict)

    def line(self, path: Path_) -> int:
        """The line of the nearest value at or above `path` (missing keys point at their parent)."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return 1

    def problem(self, path: Path_, message: str) -> Problem:
        return Problem(self.file, self.line(path), ".".join(path), message)


def load(path: Path, display: str) -> tuple[Source | None, list[Problem]]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(display, 1, "", f"is not UTF-8 text ({exc.reason})")]
    try:
        node = yaml.compose(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        node = _compose_for_message(text, display)
        if isinstance(node, Problem):
            return None, [node]
    source = Source(display, None)
    problems: list[Problem] = []
    source.data = _build(node, (), source, problems) if node is not None else None
    return source, problems


def _compose_for_message(text: str, display: str) -> yaml.Node | Problem:
    """Parse again with PyYAML's own parser, whose messages say what it found, not only
    what it expected; libyaml's marks are the same but its words are vaguer."""
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        context = exc.context or ""
        if exc.context_mark and exc.context_mark.line + 1 != line:
            context += f" (which starts on line {exc.context_mark.line + 1})"
        what = ", ".join(filter(None, [context, exc.problem]))
        return Problem(display, line, "", f"YAML syntax error: {what}")
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, e.g. \x01
        line = text[: exc.position].count("\n") + 1
        return Problem(display, line, "", f"YAML syntax error: {exc.reason}")


def _build(node: yaml.Node, path: Path_, source: Source, problems: list[Problem]) -> object:
    source.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(
                    Problem(source.file, line, ".".join(path), "keys must be plain words")
                )
                continue
            key = _scalar(key_node, path, source, problems)
            child = (*path, str(key))
            if key in result:
                problems.append(Problem(source.file, line, ".".join(child), "is given twice"))
            source.lines[child] = line
            result[key] = _build(value_node, child, source, problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(item, (*path, str(i)), source, problems) for i, item in enumerate(node.value)
        ]
    return _scalar(node, path, source, problems)


def _scalar(node: yaml.Node, path: Path_, source: Source, problems: list[Problem]) -> object:
    try:
        return _CONSTRUCTOR.construct_object(node)
    except yaml.constructor.ConstructorError:
        problems.append(
            Problem(
                source.file,
                node.start_mark.line + 1,
                ".".join(path),
                f"unknown tag {node.tag}; remove it",
            )
        )
        return node.value
    except ValueError:
        # Looks like a date but is not one (2027-02-30): keep the text, so the checks
        # report it with its line instead of the loader crashing.
        return node.value


_CONSTRUCTOR = yaml.constructor.SafeConstructor()
# libyaml's parser, in PyYAML's wheels, reads the model several times faster.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
