"""The errors that services raise; core/errors.py turns each into a problem response."""

from collections.abc import Mapping
from typing import Any, ClassVar


class AppError(Exception):
    """An expected failure with the HTTP status that describes it."""

    status_code: ClassVar[int] = 500
    title: ClassVar[str] = "Internal Server Error"
{% if cookiecutter.use_auth %}
    # True for the few errors that record something before they answer (a revoked token
    # family): the request's transaction is then committed, not rolled back.
    keep_changes: ClassVar[bool] = False
{% endif %}

    def __init__(
        self, detail: str, *, headers: Mapping[str, str] | None = None, **extensions: Any
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.headers = headers
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

    def __init__(self, detail: str) -> None:
        super().__init__(detail, headers={"WWW-Authenticate": "Bearer"})


class ServiceUnavailableError(AppError):
    status_code = 503
    title = "Service Unavailable"
{% if cookiecutter.use_auth %}


class TooManyRequestsError(AppError):
    status_code = 429
    title = "Too Many Requests"

    def __init__(self, detail: str, retry_after: int) -> None:
        super().__init__(detail, headers={"Retry-After": str(retry_after)})
{% endif %}
