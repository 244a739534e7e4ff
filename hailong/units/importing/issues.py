"""The errors an import collects: each names its row and column, the list is capped."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hailong.core.errors import ServiceError

MAX_ISSUES = 200


def lower_first(message: str) -> str:
    """``"Ngày hết hiệu lực …"`` → ``"ngày hết hiệu lực …"``, to follow ``"Dòng 3, cột «x»: "``."""
    if message[:1].isupper() and message[1:2].islower():
        return message[:1].lower() + message[1:]
    return message


@dataclass(frozen=True, slots=True)
class ImportIssue:
    """One error: ``row`` is the spreadsheet row number (header = its own row), 1-based."""

    message: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        values = {"row": self.row, "column": self.column, "message": self.message}
        if self.row is not None and self.column:
            return _("Dòng %(row)s, cột «%(column)s»: %(message)s") % values
        if self.row is not None:
            return _("Dòng %(row)s: %(message)s") % values
        if self.column:
            return _("Cột «%(column)s»: %(message)s") % values
        return self.message

    def as_json(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message, "text": str(self)}


class IssueList:
    """Collects every error but keeps only the first ``limit``; ``total`` counts them all."""

    def __init__(self, limit: int = MAX_ISSUES) -> None:
        self.items: list[ImportIssue] = []
        self.total = 0
        self.limit = limit

    def __bool__(self) -> bool:
        return self.total > 0

    def add(self, message: str, *, row: int | None = None, column: str | None = None) -> None:
        self.total += 1
        if len(self.items) < self.limit:
            prefixed = row is not None or column is not None
            message = lower_first(message) if prefixed else message
            self.items.append(ImportIssue(message, row=row, column=column))


def more_line(count: int) -> str:
    return ngettext("… và %(n)s lỗi khác.", "… và %(n)s lỗi khác.", count) % {"n": count}


class ImportRefused(ServiceError):
    """The file has errors; nothing was written. ``issues`` holds the first ``MAX_ISSUES``."""

    def __init__(self, issues: IssueList) -> None:
        self.issues = list(issues.items)
        self.total = issues.total
        message = ngettext(
            "Tệp có %(n)s lỗi, chưa ghi gì vào hệ thống. Hãy sửa rồi nhập lại.",
            "Tệp có %(n)s lỗi, chưa ghi gì vào hệ thống. Hãy sửa rồi nhập lại.",
            issues.total,
        ) % {"n": issues.total}
        super().__init__(message, code="import_refused")

    @property
    def more(self) -> int:
        return self.total - len(self.issues)

    def lines(self) -> list[str]:
        """Every kept error as text, then "… và N lỗi khác." when some were left out."""
        lines = [str(issue) for issue in self.issues]
        if self.more:
            lines.append(more_line(self.more))
        return lines
