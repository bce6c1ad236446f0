"""Read a YAML file and remember the line every value came from.

The data is built straight from PyYAML's event stream, with no recursion, along with a
{path: line} index, so that later checks can name file and line. A data file may come
from a stranger's pull request, so reading is bounded before anything is kept: the
file's size, how deeply it nests, and no anchors or aliases (which let a few lines
expand into gigabytes). When the YAML does not parse, `_explain` turns the parser's
report into one sentence on the line the contributor has to change.
"""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import yaml

from scripts.source.problems import Problem, excerpt

Path_ = tuple[str, ...]

MAX_FILE_BYTES = 256 * 1024  # the largest data file is 8 KB
MAX_DEPTH = 20  # the deepest file nests 6 levels; libyaml slows down quadratically with depth
MAX_KEY = 64  # keys are words such as next_steps; a longer one would fill every message


@dataclass
class Source:
    file: str
    data: Any  # whatever the YAML holds; the schema check says whether it fits
    lines: dict[Path_, int] = field(default_factory=dict)
    # Unquoted values YAML read as something other than text (yes, 1.0, 2026-01-02), as written.
    plain: dict[Path_, str] = field(default_factory=dict)
    # Longer for interface.yml, whose keys are the interface's English sentences.
    max_key: int = MAX_KEY

    def line(self, path: Path_) -> int:
        """The line of the nearest value at or above `path` (missing keys point at their parent)."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return 1

    def problem(self, path: Path_, message: str) -> Problem:
        return Problem(self.file, self.line(path), ".".join(path), message)


class _Refused(Exception):
    """Input the loader will not build (too deep, an anchor, an alias), at a 1-based line.

    `start`: the character an anchor or alias starts with, explained as text that starts
    with it, since that is the usual reason for one in this data.
    """

    def __init__(self, line: int, message: str = "", start: str = ""):
        super().__init__(message)
        self.line, self.message, self.start = line, message, start

    def problem(self, display: str, text: str) -> Problem:
        message = self.message
        if self.start:
            message = _starts_with(self.start, _fix(_LINE_BREAK.split(text), self.line - 1))
        return Problem(display, self.line, "", message)


LINKED = (
    "is a symbolic link; the build reads only files stored in the repository, so replace the "
    "link with the file itself"
)


def first_link(path: Path, root: Path) -> Path | None:
    """The first symbolic link on the way from `root` down to `path`, if any.

    A link could make the build read, and publish or quote in a public log, a file from
    outside the repository; it is reported without ever being followed.
    """
    current = root
    for part in path.relative_to(root).parts:
        current = current / part
        if current.is_symlink():
            return current
    return None


def load(path: Path, display: str, max_key: int = MAX_KEY) -> tuple[Source | None, list[Problem]]:
    """The file's data and line index, or None with the problems that stop it being read."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return None, [Problem(display, 1, "", f"cannot be read ({exc.strerror})")]
    if len(raw) > MAX_FILE_BYTES:
        message = (
            f"is larger than {MAX_FILE_BYTES // 1024} KB; a data file holds a few KB of text, "
            "so shorten it"
        )
        return None, [Problem(display, 1, "", message)]
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")  # a byte-order mark is harmless
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [
            Problem(display, line, "", f"is not UTF-8 text ({exc.reason}); save it as UTF-8")
        ]
    problems = []
    if "\r" in text:
        # yamllint refuses them in `make lint`; say so here too, where contributors look first.
        line = text[: text.index("\r")].count("\n") + 1
        problems.append(
            Problem(
                display,
                line,
                "",
                "has Windows line endings (CRLF); save it with Unix line endings (LF) as "
                ".editorconfig asks (in VS Code: click CRLF in the status bar)",
            )
        )
    source = Source(display, None, max_key=max_key)
    try:
        source.data = _build(_bounded(yaml.parse(text, Loader=_FAST_LOADER)), source, problems)
    except _Refused as refused:
        return None, [*problems, refused.problem(display, text)]
    except yaml.YAMLError as fast_error:
        return None, [*problems, _syntax_problem(text, display, fast_error)]
    return source, problems


def _syntax_problem(text: str, display: str, fast_error: yaml.YAMLError) -> Problem:
    """Parse again with PyYAML's own parser, whose reports say what it found, not only
    what it expected (libyaml's marks are the same but its words are vaguer), and explain."""
    error = fast_error
    try:
        for _ in _bounded(yaml.parse(text, Loader=yaml.SafeLoader)):
            pass
    except _Refused as refused:
        return refused.problem(display, text)
    except yaml.YAMLError as slow_error:
        error = slow_error
    line, message = _explain(text, error)
    return Problem(display, line, "", message)


def _bounded(events: Iterable[yaml.Event]) -> Iterator[yaml.Event]:
    """The events, stopped at the first anchor, alias or nesting deeper than MAX_DEPTH.

    Checked on the stream as the parser produces it, so neither libyaml's composer (which
    recurses in C and crashes the interpreter on deep input) nor the scanner (whose work
    per token grows with the depth) ever sees more.
    """
    depth = 0
    for event in events:
        line = _line(event.start_mark)
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(line, start="*")
        if isinstance(event, yaml.CollectionStartEvent) and event.anchor is not None:
            raise _Refused(
                line,
                f"{excerpt('&' + event.anchor, 30, quote=False)} marks a YAML anchor, which the "
                "data files do not allow; write each value out in full",
            )
        if getattr(event, "anchor", None) is not None:
            raise _Refused(line, start="&")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _Refused(
                    line,
                    f"nests lists and mappings more than {MAX_DEPTH} deep; the data needs a "
                    "few levels at most, so look for stray [, { or - signs here",
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        yield event


_SKIP = object()  # stands for a key that was reported: its value is read but not kept


def _build(events: Iterator[yaml.Event], source: Source, problems: list[Problem]) -> object:
    """The plain data of the stream's one document, filling source.lines on the way."""
    root: list[object] = []
    # Each open collection: [the list or dict (None while skipping), its path, pending key].
    stack: list[list] = [[root, (), None]]
    documents = 0
    for event in events:
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise _Refused(
                    _line(event.start_mark),
                    "starts a second YAML document with ---; keep one document per file",
                )
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            stack.pop()
            continue
        if not isinstance(event, yaml.NodeEvent):
            continue
        top = stack[-1]
        container, path, key = top
        if isinstance(container, dict) and key is None:  # this node is a key
            top[2] = _key(event, path, container, source, problems)
            if isinstance(event, yaml.CollectionStartEvent):
                stack.append([None, path, None])
            continue
        if isinstance(container, dict):
            top[2] = None
            child = None if key is _SKIP else (*path, str(key))
        elif container is root:
            child = ()
        elif container is not None:
            child = (*path, str(len(container)))
        else:
            child = None
        if child is not None:
            source.lines.setdefault(child, _line(event.start_mark))
        if isinstance(event, yaml.CollectionStartEvent):
            value: object = {} if isinstance(event, yaml.MappingStartEvent) else []
            stack.append([None if child is None else value, child or path, None])
        else:
            value = _scalar(cast(yaml.ScalarEvent, event), child or path, source, problems)
        if child is None:
            continue
        if isinstance(container, dict):
            container[key] = value
        else:
            container.append(value)
    return root[0] if root else None


def _key(
    event: yaml.NodeEvent, path: Path_, mapping: dict, source: Source, problems: list[Problem]
) -> object:
    """The key (0 stays a number, as in the data), or _SKIP once its problem is reported."""
    line = _line(event.start_mark)
    if not isinstance(event, yaml.ScalarEvent):
        problems.append(Problem(source.file, line, ".".join(path), "keys must be plain words"))
        return _SKIP
    if len(event.value) > source.max_key:
        problems.append(
            Problem(
                source.file,
                line,
                ".".join(path),
                f"the key {excerpt(event.value, 20)} has {len(event.value):,} characters; "
                "keys are short words such as next_steps",
            )
        )
        return _SKIP
    key = _scalar(event, path, source, problems, keep_plain=False)
    child = (*path, str(key))
    if key in mapping:
        problems.append(Problem(source.file, line, ".".join(child), "is given twice"))
    source.lines[child] = line
    return key


def _scalar(
    event: yaml.ScalarEvent,
    path: Path_,
    source: Source,
    problems: list[Problem],
    keep_plain: bool = True,
) -> object:
    tag = event.tag
    if tag is None or tag == "!":
        tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
    if tag == _TEXT:
        return event.value  # most values: no need for the constructor's work
    # libyaml's marks are a C twin of PyYAML's Mark, with the same fields.
    marks = cast(yaml.Mark, event.start_mark), cast(yaml.Mark, event.end_mark)
    node = yaml.ScalarNode(tag, event.value, *marks, event.style)
    try:
        value = _CONSTRUCTOR.construct_object(node)
        _CONSTRUCTOR.constructed_objects.clear()  # it would keep every node of every build
    except yaml.constructor.ConstructorError:
        problems.append(
            Problem(
                source.file,
                _line(event.start_mark),
                ".".join(path),
                f"unknown tag {excerpt(tag, 40, quote=False)}; remove it",
            )
        )
        return event.value
    except ValueError:
        # Looks like a date but is not one (2027-02-30): keep the text, so the checks
        # report it with its line instead of the loader crashing.
        return event.value
    if keep_plain and not isinstance(value, str):
        source.plain[path] = event.value
    return value


_TEXT = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
# libyaml's parser, in PyYAML's wheels, reads the model several times faster.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# --- Syntax errors in plain words ----------------------------------------------------------
#
# PyYAML says what its grammar expected, often lines after the mistake. Each mistake a
# contributor makes by hand leaves a telltale pattern in the text near the reported mark;
# look for it and say, on its line, what to change. Anything else keeps PyYAML's words.

_LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")  # YAML's line breaks, not Python's
_INDENT = re.compile(r"^[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]*")
# Where a value starts on a line: after "key: " or after one or more "- ".
_VALUE = re.compile(r"[ ]*(?:(?:- +)+|[^\s#:][^:]*?: +)")
_CURLY = {'"': "\u201c\u201d\u201e", "'": "\u2018\u2019"}
_STARTS = {
    "[": ", which YAML reads as the start of a list",
    "{": ", which YAML reads as the start of a mapping",
    "*": ", which YAML reads as a reference to an anchor (*name)",
    "&": ", which YAML reads as an anchor (&name), something the data files never use",
    "-": " and a space, which YAML reads as a list item",
    "@": ", which YAML keeps for future use",
    "`": ", which YAML keeps for future use",
    "|": ", which YAML reads as the start of a block of text on the lines below",
    ">": ", which YAML reads as the start of a block of text on the lines below",
    '"': ", so YAML ends the text at the closing quote and cannot read what follows",
    "'": ", so YAML ends the text at the closing quote and cannot read what follows",
}


def _starts_with(char: str, fix: str = "") -> str:
    quotes = "the other kind of quotes" if char in "\"'" else "quotes"
    return f"the text starts with {char}{_STARTS[char]}; put the whole text in {quotes}{fix}"


def _explain(text: str, error: yaml.YAMLError) -> tuple[int, str]:
    """(1-based line, message) for a YAML error in this text."""
    lines = _LINE_BREAK.split(text)
    if isinstance(error, yaml.reader.ReaderError):  # a character YAML does not allow, e.g. \x01
        number = len(_LINE_BREAK.findall(text, 0, error.position)) + 1
        if isinstance(error.character, int):
            return number, (
                f"has an invisible control character (U+{error.character:04X}) that YAML does "
                "not allow; delete it"
            )
        return number, f"YAML syntax error: {error.reason}"
    if not isinstance(error, yaml.MarkedYAMLError) or error.problem_mark is None:
        return 1, f"YAML syntax error: {excerpt(str(error), 200, quote=False)}"
    mark, context_mark = error.problem_mark, error.context_mark
    problem, context = error.problem or "", error.context or ""
    for diagnose in (_bad_indent, _open_quote):
        found = diagnose(lines, mark.line)
        if found:
            return found
    line = lines[mark.line] if mark.line < len(lines) else ""
    start = _value_start(line)
    if context.startswith("while parsing a flow") and context_mark:
        context_line = lines[context_mark.line]
        if _value_start(context_line) == context_mark.column:
            return context_mark.line + 1, _starts_with(
                context_line[context_mark.column], _fix(lines, context_mark.line)
            )
    at = context_mark or mark
    at_start = _value_start(lines[at.line]) == at.column if at.line < len(lines) else False
    if context.startswith(("while scanning an alias", "while scanning an anchor")) and at_start:
        return at.line + 1, _starts_with(lines[at.line][at.column], _fix(lines, at.line))
    if context.startswith("while scanning a block scalar") and line[start : start + 1] in (
        "|",
        ">",
    ):
        return mark.line + 1, _starts_with(line[start], _fix(lines, mark.line))
    if problem.startswith("found character") and start < len(line) and line[start] in "@`":
        return mark.line + 1, _starts_with(line[start], _fix(lines, mark.line))
    if "sequence entries are not allowed" in problem:
        return mark.line + 1, _starts_with("-", _fix(lines, mark.line))
    found_text = problem.startswith("expected <block end>, but found '<scalar>'")
    if found_text and start < mark.column and line[start] in "\"'[{":
        return mark.line + 1, _starts_with(line[start], _fix(lines, mark.line))
    if problem == "mapping values are not allowed here":
        return _colon(lines, mark.line, mark.column)
    if context == "while scanning a simple key" and context_mark:
        return _no_colon(lines, context_mark.line)
    if context == "while scanning a quoted scalar" and context_mark:
        quote = lines[context_mark.line][context_mark.column]
        return context_mark.line + 1, (
            f"the {quote} that opens this text is never closed; end the text with {quote}"
        )
    if problem.startswith("expected <block end>") and context_mark:
        return mark.line + 1, (
            "is not lined up with the lines above it; indent it by as many spaces as the "
            "other keys or list items at its level"
        )
    where = f"{context}, " if context else ""
    if context and context_mark and context_mark.line != mark.line:
        where = f"{context} (which starts on line {context_mark.line + 1}), "
    return mark.line + 1, f"YAML syntax error: {where}{problem}"


def _value_start(line: str) -> int:
    """Column where the line's value starts, after its key and any list dashes."""
    match = _VALUE.match(line)
    return match.end() if match else len(line) - len(line.lstrip(" "))


def _fix(lines: list[str], index: int) -> str:
    """': key: 'the text'', the line rewritten with its text quoted, if it is all on the line."""
    line = lines[index]
    start = _value_start(line)
    value = line[start:].rstrip()
    later = next((text for text in lines[index + 1 :] if text.strip()), "")
    indent = len(line) - len(line.lstrip(" "))
    continues = len(later) - len(later.lstrip(" ")) > indent and not later.lstrip().startswith("#")
    if not value or continues or len(value) > 100:
        return ""
    if "'" not in value or '"' in value:
        quoted = "'" + value.replace("'", "''") + "'"
    else:
        quoted = '"' + value.replace("\\", "\\\\") + '"'
    return f": {line[:start].strip()} {quoted}"


def _bad_indent(lines: list[str], upto: int) -> tuple[int, str] | None:
    """A tab or a non-breaking space in the indentation of a line up to the error."""
    for index, line in enumerate(lines[: upto + 1]):
        indent = line[: len(line) - len(_INDENT.sub("", line, count=1))]
        if indent.strip(" ") and line[len(indent) :].strip():
            odd = next(char for char in indent if char != " ")
            if odd == "\t":
                return index + 1, (
                    "is indented with a tab; YAML indentation must be spaces, so replace the "
                    "tab with spaces"
                )
            return index + 1, (
                f"is indented with a non-breaking space (U+{ord(odd):04X}), often pasted from a "
                "web page or a word processor; replace it with ordinary spaces"
            )
    return None


def _open_quote(lines: list[str], upto: int) -> tuple[int, str] | None:
    """The last line up to the error whose quoted text is not closed on that line."""
    for index in range(min(upto, len(lines) - 1), -1, -1):
        line = lines[index]
        start = _value_start(line)
        quote = line[start : start + 1]
        if quote not in ('"', "'"):
            continue
        rest = line[start + 1 :]
        closed = re.search(r'(?<!\\)"' if quote == '"' else r"'(?!')", rest.replace("''", ""))
        if closed:
            continue
        curly = next((char for char in rest if char in _CURLY[quote]), None)
        if curly:
            return index + 1, (
                f"the text opened with a straight {quote} ends with a curly {curly}; YAML "
                f"closes a text only with {quote}, so type it in place of the {curly}"
            )
        if index == upto or upto >= len(lines) - 1:
            return index + 1, (
                f"the {quote} that opens this text is never closed; end the text with {quote}"
            )
    return None


def _colon(lines: list[str], index: int, column: int) -> tuple[int, str]:
    """A ': ' where no key may start: text with a colon in it, or a key indented too far."""
    line = lines[index]
    before = line[:column].strip()
    if re.fullmatch(r"[\w-]+", before):
        return index + 1, (
            "is indented further than the line above, so YAML reads it as more of that "
            "line's text; line it up with the keys above it"
        )
    start = _value_start(line)
    fix = _fix(lines, index) if start < column else ""
    return index + 1, (
        f"the text contains ': ', which YAML reads as the start of a key; put the whole text "
        f"in quotes{fix}"
    )


def _no_colon(lines: list[str], index: int) -> tuple[int, str]:
    """A line with neither 'key:' nor '- ': usually a list item that lost its dash."""
    above = next((text for text in reversed(lines[:index]) if text.strip()), "")
    if above.lstrip().startswith("- "):
        return index + 1, (
            "is not a list item: start it with '- ' like the items above it (or, if it "
            "continues the item above, indent it further)"
        )
    return index + 1, (
        "has no colon: write it as 'key: value' (or, if it continues the text above, indent "
        "it further)"
    )


def _line(mark: object) -> int:
    """The 1-based line of a parser mark; every event PyYAML makes from a file has one."""
    return getattr(mark, "line", 0) + 1
