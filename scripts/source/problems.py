"""What goes wrong in a data file, said so that a contributor can find it."""

from dataclasses import dataclass

REPORT_MAX = 100  # problems printed at most: one broken file must not flood a public CI log


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    where: str
    message: str

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file

    def __str__(self) -> str:
        rest = f"{self.where}: {self.message}" if self.where else self.message
        return f"{self.location}: {rest}"


def excerpt(value: object, limit: int = 60, quote: bool = True) -> str:
    """A value as a message may quote it: short, on one line, invisible characters escaped.

    Messages end up in CI logs, which are public; a mistake (or a trick) in a data file must
    never pour a whole file, or terminal escape codes, into one.
    """
    text = str(value)
    short = "".join(char if char.isprintable() else repr(char)[1:-1] for char in text[:limit])
    if len(text) > limit:
        short += f"… ({len(text):,} characters)"
    return f"'{short}'" if quote else short


class ProblemsError(Exception):
    """Raised with every problem found in what a person wrote, never just the first."""

    consequence = "in the model's data; nothing was built"

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def __reduce__(self):  # a PDF worker raises it in another process
        return type(self), (self.problems,)

    def report(self) -> str:
        count = len(self.problems)
        lines = [str(p) for p in self.problems[:REPORT_MAX]]
        if count > REPORT_MAX:
            lines.append(f"… and {count - REPORT_MAX:,} more; fix these first and run it again.")
        lines.append(f"{count:,} problem{'s' if count != 1 else ''} {self.consequence}.")
        return "\n".join(lines)


class ModelError(ProblemsError):
    """Problems in data/: a build stops before it writes anything."""


class DoesNotFit(ModelError):
    """The one-page overview does not fit one page even at the smallest legible size; the
    problems name the longest cells. Raised by scripts/render/pdf.py but defined here, so
    that a build can catch it from a PDF worker without importing WeasyPrint."""


class PdfUnavailable(Exception):
    """WeasyPrint cannot load Pango here, so no PDF can be made on this machine. Defined
    here, like DoesNotFit, so that a build catches it from a PDF worker."""

    def __init__(self, detail: str):
        self.detail = detail
        super().__init__(detail)

    def report(self) -> str:
        return (
            "PDFs not built: WeasyPrint cannot load Pango on this machine "
            f"({self.detail.splitlines()[0][:120]}). Install it with `brew install pango` "
            "(macOS), `sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0` "
            "(Debian, Ubuntu, WSL 2 on Windows) or `sudo dnf install pango` (Fedora); "
            'see CONTRIBUTING.md, "Working on your computer".'
        )
