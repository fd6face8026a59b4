"""The application's resources (the database, the cache, the job queue...), in one typed registry.

Each feature puts what it owns here when the application is built or started; requests reach a
resource through a typed dependency (`resource_of(request, Cache)`), never through attributes of
`app.state` spread over many files.
"""

from collections.abc import Callable
from typing import Any, TypeVar, cast

from fastapi import FastAPI, Request

T = TypeVar("T")


class Resources:
    """Resources by type: the type a feature provides is the type its users ask for."""

    def __init__(self) -> None:
        self._items: dict[type[Any], Any] = {}

    def provide(self, kind: type[T], value: T) -> None:
        self._items[kind] = value

    def provide_default(self, kind: type[T], make: Callable[[], T]) -> T:
        """What was provided for `kind` already (the tests provide some), or else `make()`."""
        if kind not in self._items:
            self._items[kind] = make()
        return self.get(kind)

    def get(self, kind: type[T]) -> T:
        try:
            return cast(T, self._items[kind])
        except KeyError:
            raise LookupError(f"no {kind.__name__} in this application") from None


def resources_of(app: FastAPI) -> Resources:
    """The application's resources: the one place that reads `app.state`."""
    resources: Resources = app.state.resources
    return resources


def resource_of(request: Request, kind: type[T]) -> T:
    return resources_of(request.app).get(kind)
