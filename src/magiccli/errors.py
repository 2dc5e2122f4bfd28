"""Errors that end a command with a one-line message instead of a traceback."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class CommandError(Exception):
    """A command cannot do what it was asked: a one-line message and ``exit_code``."""

    exit_code = 1


class NothingFound(CommandError):
    """Nothing matches what was asked: exit 1."""


class UsageProblem(CommandError, ValueError):
    """The user asked for something malformed: exit 2."""

    exit_code = 2


class CacheProblem(CommandError):
    """The index could not be written where it was asked to be (``corpus reindex``): exit 1."""


class WorkerLost(CommandError):
    """A worker process of a build or a validation ended without its answer (killed): exit 1."""


class ProblemsFound(CommandError):
    """A check found problems, which the command has listed (``corpus validate``): exit 2."""

    exit_code = 2


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a corpus file, and where."""

    file: Path
    line: int | None  # None: a problem of the file (or folder) as a whole
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.message}" if self.line is None else f"{self.file}:{self.line}: {self.message}"


class CorpusError(Exception):
    """The corpus cannot be used as it is: every problem found (exit 2)."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems
