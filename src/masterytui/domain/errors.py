"""Errors a user can cause, with messages fit to show as they are."""

from __future__ import annotations


class MasteryError(Exception):
    """Base of every error masterytui reports to a user in plain words."""


class ValidationError(MasteryError, ValueError):
    """Input that breaks a rule of the method: refused, nothing changed.

    ``field`` names the form field at fault so a form can show the message beside it.
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFoundError(MasteryError, LookupError):
    """An id or title that names nothing in the file."""


class AmbiguousError(MasteryError, LookupError):
    """A title prefix that names more than one thing."""

    def __init__(self, message: str, candidates: list[str]) -> None:
        super().__init__(message)
        self.candidates = candidates


class AlreadyExistsError(MasteryError):
    """What was asked for exists already (``existing_id`` names it): nothing was added."""

    def __init__(self, message: str, existing_id: str) -> None:
        super().__init__(message)
        self.existing_id = existing_id


class ConflictError(MasteryError):
    """What is being edited was changed or deleted in another session since it was read.

    Nothing was written; the caller offers to keep the user's version (save again with
    ``force=True``) or to take the other session's.
    """

    def __init__(self, message: str, *, deleted: bool = False) -> None:
        super().__init__(message)
        self.deleted = deleted
