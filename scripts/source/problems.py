"""What goes wrong in a data file, said so that a contributor can find it."""

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    where: str
    message: str

    def __str__(self) -> str:
        location = f"{self.file}:{self.line}" if self.line else self.file
        return (
            f"{location}: {self.where}: {self.message}"
            if self.where
            else f"{location}: {self.message}"
        )


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
        lines = [str(p) for p in self.problems]
        lines.append(f"{count} problem{'s' if count != 1 else ''} {self.consequence}.")
        return "\n".join(lines)


class ModelError(ProblemsError):
    """Problems in data/: a build stops before it writes anything."""


class DoesNotFit(ModelError):
    """The one-page overview does not fit one page even at the smallest legible size; the
    problems name the longest cells. Raised by scripts/render/pdf.py but defined here, so
    that a build can catch it from a PDF worker without importing WeasyPrint."""
