"""The OpenAPI document, with error responses described as the problem details they are."""

from collections.abc import Callable, Sequence
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel

from .errors import PROBLEM_JSON

PROBLEM_REF = "#/components/schemas/Problem"


class Problem(BaseModel):
    """RFC 9457 problem details; validation errors add an `errors` list."""

    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[dict[str, Any]] | None = None


def service_openapi(
    app: FastAPI, changes: Sequence[Callable[[dict[str, Any]], None]] = ()
) -> Callable[[], dict[str, Any]]:
    """Replace FastAPI's default 422 body (HTTPValidationError) by the Problem schema, then apply
    the features' `changes`."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title, version=app.version, description=app.description, routes=app.routes
            )
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
