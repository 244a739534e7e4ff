"""The one error type that services raise and views turn into a message."""

from __future__ import annotations


class ServiceError(Exception):
    """A business rule refused an action. ``message`` is already translated for the user."""

    def __init__(self, message: str, *, code: str = "invalid", field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field


class PermissionDenied(ServiceError):
    """The acting user may not do this on this unit."""

    def __init__(self, message: str, *, code: str = "forbidden") -> None:
        super().__init__(message, code=code)
