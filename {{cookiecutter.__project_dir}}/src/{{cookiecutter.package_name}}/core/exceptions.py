"""The errors that services raise; core/errors.py turns each into a problem response."""

from typing import Any, ClassVar


class AppError(Exception):
    """An expected failure with the HTTP status that describes it."""

    status_code: ClassVar[int] = 500
    title: ClassVar[str] = "Internal Server Error"

    def __init__(self, detail: str, **extensions: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extensions = extensions


class NotFoundError(AppError):
    status_code = 404
    title = "Not Found"


class ConflictError(AppError):
    status_code = 409
    title = "Conflict"


class UnprocessableContentError(AppError):
    """The request is well-formed but refers to something that cannot be used."""

    status_code = 422
    title = "Unprocessable Content"


class ForbiddenError(AppError):
    status_code = 403
    title = "Forbidden"


class UnauthorizedError(AppError):
    status_code = 401
    title = "Unauthorized"


class ServiceUnavailableError(AppError):
    status_code = 503
    title = "Service Unavailable"
