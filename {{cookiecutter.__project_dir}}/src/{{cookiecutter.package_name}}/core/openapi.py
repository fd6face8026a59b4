"""The OpenAPI document: every error response an operation can give, described as the problem
details it is."""

from collections.abc import Callable, Iterator, Mapping, Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute
from pydantic import BaseModel

from .errors import PROBLEM_JSON
from .exceptions import AppError
from .routing import api_routes

PROBLEM_REF = "#/components/schemas/Problem"
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Error statuses that the dependencies a route uses can answer with, by dependency.
DependencyErrors = Mapping[Callable[..., Any], Sequence[int]]
Responses = dict[int | str, dict[str, Any]]


class Problem(BaseModel):
    """RFC 9457 problem details; validation errors add an `errors` list."""

    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[dict[str, Any]] | None = None


def error_responses(*errors: type[AppError]) -> Responses:
    """The `responses` of a route for the errors its service raises that no rule of
    `service_openapi` documents already."""
    return {error.status_code: {"description": error.title} for error in errors}


def dependencies_of(dependant: Dependant) -> Iterator[Callable[..., Any]]:
    for dependency in dependant.dependencies:
        if dependency.call is not None:
            yield dependency.call
        yield from dependencies_of(dependency)


def error_statuses(route: APIRoute, method: str, dependency_errors: DependencyErrors) -> set[int]:
    """The errors an operation can answer with that the route does not declare itself."""
    statuses = {413}  # any request may send too large a body
    if route.body_field is not None:
        statuses.add(400)  # a body that is not even text (FastAPI: "error parsing the body")
    if route.dependant.path_params:
        statuses.add(404)  # every path parameter names a resource, which may not exist
    for call in dependencies_of(route.dependant):
        statuses.update(dependency_errors.get(call, ()))
    if 503 in statuses and method in WRITE_METHODS:
        # A write racing another past its service's checks meets a constraint (core/errors.py).
        statuses.add(409)
    return statuses


def service_openapi(
    app: FastAPI,
    changes: Sequence[Callable[[dict[str, Any]], None]] = (),
    dependency_errors: DependencyErrors | None = None,
) -> Callable[[], dict[str, Any]]:
    """Document on each operation the errors that every route, or the dependencies it uses, can
    answer with; describe every error response by the Problem schema instead of FastAPI's
    default 422 body (HTTPValidationError); then apply the features' `changes`."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title, version=app.version, description=app.description, routes=app.routes
            )
            for path, route in api_routes(app):
                operations = schema["paths"].get(path, {}) if route.include_in_schema else {}
                for method in route.methods or ():
                    operation = operations.get(method.lower())
                    if operation is None:
                        continue
                    responses: dict[str, Any] = operation["responses"]
                    for status in error_statuses(route, method, dependency_errors or {}):
                        description = HTTPStatus(status).phrase
                        responses.setdefault(str(status), {"description": description})
                    operation["responses"] = dict(sorted(responses.items()))
            schemas = schema.setdefault("components", {}).setdefault("schemas", {})
            schemas.pop("HTTPValidationError", None)
            schemas.pop("ValidationError", None)
            schemas["Problem"] = Problem.model_json_schema()
            for path in schema.get("paths", {}).values():
                for operation in path.values():
                    for status, response in operation.get("responses", {}).items():
                        if status[0] in "45":
                            response["content"] = {PROBLEM_JSON: {"schema": {"$ref": PROBLEM_REF}}}
            for change in changes:
                change(schema)
            app.openapi_schema = schema
        return app.openapi_schema

    return openapi
