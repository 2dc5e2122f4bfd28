"""Errors that end a command with a one-line message instead of a traceback."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class UsageProblem(ValueError):
    """The user asked for something malformed: exit 2."""

    exit_code = 2


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a corpus file, and where."""

    file: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class CorpusError(Exception):
    """The corpus cannot be used as it is: every problem found (exit 2)."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems
