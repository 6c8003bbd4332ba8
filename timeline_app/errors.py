"""The few exception classes the app raises; the CLI and GUI turn them into messages."""


class TimelineError(Exception):
    """A problem the user can act on; its message is shown as it is."""


class DatabaseError(TimelineError):
    """A file cannot be opened or used as a timeline database."""


class ValidationError(TimelineError):
    """Data breaks an invariant of the model (dates, excerpts, references)."""


class ImportProblems(TimelineError):
    """An import file has bad rows; nothing was written. `problems` holds the first ones
    kept as (line or item number, reason); `total` counts them all."""

    def __init__(
        self,
        path: str,
        problems: list[tuple[int, str]],
        unit: str = "line",
        total: int | None = None,
        rows: dict[int, int] | None = None,
    ) -> None:
        self.path = path
        self.problems = problems
        self.unit = unit
        self.rows = rows or {}
        self.total = len(problems) if total is None else total
        shown = "; ".join(f"{self.where(at)}: {reason}" for at, reason in problems[:5])
        more = f" (and {self.total - 5} more)" if self.total > 5 else ""
        super().__init__(f"{path}: {self.total} problem(s), nothing imported: {shown}{more}")

    def where(self, at: int) -> str:
        """ "line 7", or "row 3 (line 7)" where a spreadsheet counts the rows otherwise."""
        row = self.rows.get(at)
        if at == 0:
            return "the file"  # a part outside the events: a TimelineJS file's eras
        return f"row {row} (line {at})" if row is not None else f"{self.unit} {at}"
