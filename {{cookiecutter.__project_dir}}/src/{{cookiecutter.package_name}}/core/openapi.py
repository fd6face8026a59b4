{% if cookiecutter.api_versioning %}
"""The OpenAPI document: error responses described as the problem details they are, and each API
version's operations grouped under tags of their own."""
{% else %}
"""The OpenAPI document, with error responses described as the problem details they are."""
{% endif %}

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel

from .errors import PROBLEM_JSON
{% if cookiecutter.api_versioning %}
from .routing import API_V1_PREFIX, API_V2_PREFIX, api_prefix_of
{% endif %}

PROBLEM_REF = "#/components/schemas/Problem"
{% if cookiecutter.api_versioning %}
# Newest first: /docs lists each version's tags in this order, unversioned ones (health) last.
VERSION_NAMES = {API_V2_PREFIX: "v2", API_V1_PREFIX: "v1"}
VERSION_NOTES = {"v2": "API version 2", "v1": "API version 1 (deprecated: see the Sunset header)"}
{% endif %}


class Problem(BaseModel):
    """RFC 9457 problem details; validation errors add an `errors` list."""

    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[dict[str, Any]] | None = None


{% if cookiecutter.api_versioning %}
def group_by_version(schema: dict[str, Any]) -> None:
    """Tag each operation of a version with it ("v2 posts", "v1 posts") and list the tags newest
    version first, so /docs shows each version's endpoints together."""
    descriptions: dict[str, str] = {}
    unversioned: list[str] = []
    for path, operations in schema.get("paths", {}).items():
        prefix = api_prefix_of(path)
        for operation in operations.values():
            if prefix is None:
                unversioned.extend(operation.get("tags", []))
                continue
            version = VERSION_NAMES[prefix]
            operation["tags"] = [f"{version} {tag}" for tag in operation.get("tags", [])]
            descriptions.update(dict.fromkeys(operation["tags"], VERSION_NOTES[version]))
    ranks = list(VERSION_NAMES.values())
    newest_first = sorted(descriptions, key=lambda tag: ranks.index(tag.split()[0]))
    schema["tags"] = [{"name": tag, "description": descriptions[tag]} for tag in newest_first]
    schema["tags"] += [{"name": tag} for tag in dict.fromkeys(unversioned)]


def service_openapi(app: FastAPI) -> Callable[[], dict[str, Any]]:
    """Replace FastAPI's default 422 body (HTTPValidationError) by the Problem schema, and group
    the operations by API version."""
{% else %}
def service_openapi(app: FastAPI) -> Callable[[], dict[str, Any]]:
    """Replace FastAPI's default 422 body (HTTPValidationError) by the Problem schema."""
{% endif %}

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
{% if cookiecutter.api_versioning %}
            group_by_version(schema)
{% endif %}
            app.openapi_schema = schema
        return app.openapi_schema

    return openapi
