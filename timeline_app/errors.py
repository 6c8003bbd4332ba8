"""The few exception classes the app raises; the CLI and GUI turn them into messages."""


class TimelineError(Exception):
    """A problem the user can act on; its message is shown as it is."""


class DatabaseError(TimelineError):
    """A file cannot be opened or used as a timeline database."""


class ValidationError(TimelineError):
    """Data breaks an invariant of the model (dates, excerpts, references)."""


class ImportProblems(TimelineError):
    """An import file has bad rows; nothing was written."""

    def __init__(self, path: str, problems: list[tuple[int, str]]) -> None:
        self.path = path
        self.problems = problems
        shown = "; ".join(f"line {line}: {reason}" for line, reason in problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        super().__init__(f"{path}: {len(problems)} problem(s), nothing imported: {shown}{more}")
