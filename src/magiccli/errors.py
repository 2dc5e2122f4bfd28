"""Errors that end a command with a one-line message instead of a traceback."""


class UsageProblem(ValueError):
    """The user asked for something malformed: exit 2."""

    exit_code = 2
