"""Row-numbered problems in an uploaded file, shared by every importer.

Row numbers count the header as row 1, so they match what a person sees when
they open the file in a spreadsheet.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

# Enough to fix a file; a file with more problems than this is reported as such.
MAX_REPORTED_ERRORS = 1000


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self):
        where = f"Row {self.row}" + (f", column '{self.column}'" if self.column else "")
        return f"{where}: {self.message}"

    def as_dict(self) -> dict:
        return asdict(self)


class FileRejected(Exception):
    """The file has problems; nothing from it was saved."""

    def __init__(self, errors: list[RowError], *, error_count: int | None = None):
        self.errors = errors[:MAX_REPORTED_ERRORS]
        self.error_count = error_count if error_count is not None else len(errors)
        noun = "problem" if self.error_count == 1 else "problems"
        super().__init__(f"The file has {self.error_count} {noun}; nothing from it was saved.")


class ErrorCollector:
    """Counts every error but keeps only the first MAX_REPORTED_ERRORS, so memory stays flat."""

    def __init__(self):
        self.errors: list[RowError] = []
        self.count = 0
        self._row = None
        self._row_seen: set[tuple[str, str]] = set()

    def add(self, row: int, column: str, message: str) -> None:
        # One cell can fail twice (as a value and as another value's count): say it once.
        if row != self._row:
            self._row, self._row_seen = row, set()
        if (column, message) in self._row_seen:
            return
        self._row_seen.add((column, message))
        self.count += 1
        if len(self.errors) < MAX_REPORTED_ERRORS:
            self.errors.append(RowError(row, column, message))

    def __bool__(self):
        return self.count > 0

    def rejected(self) -> FileRejected:
        return FileRejected(self.errors, error_count=self.count)
