"""The errors that services raise; core/errors.py turns each into a problem response."""

from collections.abc import Mapping
from typing import Any, ClassVar

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError


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


# How long clients are told to wait before trying again while the database is away.
DATABASE_RETRY_AFTER_SECONDS = 2


class DatabaseUnavailableError(ServiceUnavailableError):
    """The database is down, restarting or not answering in time: the request changed nothing
    and may be retried."""

    # `detail` has a default, and is the only argument, so that the error pickles (Celery).
    def __init__(
        self, detail: str = "The database is unavailable for now: try again shortly."
    ) -> None:
        super().__init__(detail, headers={"Retry-After": str(DATABASE_RETRY_AFTER_SECONDS)})


# The SQLSTATEs of PostgreSQL errors that mean "not now": connection exceptions, insufficient
# resources (too many connections), operator intervention (a statement timeout, a shutdown), and
# a lock timeout. (asyncpg raises them as plain DBAPIErrors.)
UNAVAILABLE_SQLSTATES = ("08", "53", "57", "55P03")


def is_database_outage(error: BaseException) -> bool:
    """Whether `error` says that the database is away for now (down, restarting, unreachable or
    too slow), rather than that the request or the code is wrong."""
    if isinstance(error, DBAPIError):
        sqlstate = str(getattr(error.orig, "sqlstate", None) or "")
        return (
            error.connection_invalidated
            or isinstance(error, OperationalError | InterfaceError)
            or sqlstate.startswith(UNAVAILABLE_SQLSTATES)
        )
    # The pool's checkout timeout; and what the drivers raise as is: a refused or reset
    # connection, a connect or command timeout.
    return isinstance(error, PoolTimeoutError | OSError)
{% if cookiecutter.use_auth %}


class TooManyRequestsError(AppError):
    status_code = 429
    title = "Too Many Requests"

    def __init__(self, detail: str, retry_after: int) -> None:
        super().__init__(detail, headers={"Retry-After": str(retry_after)})
{% endif %}
