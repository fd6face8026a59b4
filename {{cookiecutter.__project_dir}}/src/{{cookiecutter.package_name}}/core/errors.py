"""RFC 9457 problem details (`application/problem+json`) for every error response."""

import logging
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError
from starlette.exceptions import HTTPException
from starlette.routing import compile_path

from .exceptions import AppError
from .routing import api_routes

logger = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"


class ProblemResponse(JSONResponse):
    media_type = PROBLEM_JSON


def problem(
    status: int,
    detail: str,
    *,
    instance: str | None = None,
    title: str | None = None,
    headers: Mapping[str, str] | None = None,
    **extensions: Any,
) -> ProblemResponse:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    if instance is not None:
        body["instance"] = instance
    body.update(extensions)
    return ProblemResponse(jsonable_encoder(body), status_code=status, headers=headers)


async def handle_app_error(request: Request, exc: AppError) -> ProblemResponse:
    return problem(
        exc.status_code,
        exc.detail,
        title=exc.title,
        instance=request.url.path,
        headers=exc.headers,
        **exc.extensions,
    )


def allowed_methods(request: Request) -> list[str]:
    """The methods of the resource at the request's path: of every route with the path template
    of the first route that matches it (`/users/me`, not `/users/{user_id}` after it). The
    router's own 405 names only the methods of the first route it tried."""
    path = request.scope["path"].removeprefix(request.scope.get("root_path", ""))
    routes = list(api_routes(request.app))
    template = next(
        (template for template, _ in routes if compile_path(template)[0].match(path)), None
    )
    return sorted(
        {method for other, route in routes if other == template for method in route.methods or ()}
    )


async def handle_http_exception(request: Request, exc: HTTPException) -> ProblemResponse:
    headers = exc.headers
    # Not for the docs' routes, which are no API routes: their own Allow stands.
    if exc.status_code == 405 and (methods := allowed_methods(request)):
        headers = {**(headers or {}), "Allow": ", ".join(methods)}
    return problem(
        exc.status_code,
        str(exc.detail),
        instance=request.url.path,
        headers=headers,
    )


async def handle_validation_error(request: Request, exc: RequestValidationError) -> ProblemResponse:
    errors = [
        {"loc": list(error["loc"]), "msg": error["msg"], "type": error["type"]}
        for error in exc.errors()
    ]
    return problem(
        422,
        "The request is invalid: see `errors` for each problem.",
        title="Unprocessable Content",
        instance=request.url.path,
        errors=errors,
    )


async def handle_integrity_error(request: Request, exc: IntegrityError) -> ProblemResponse:
    # Services check uniqueness and references first; this catches what a concurrent request
    # slipped in between that check and the write. The transaction is already rolled back.
    logger.info("integrity error turned into 409: %s", exc)
    return problem(
        409,
        "The request conflicts with the current state of the data.",
        instance=request.url.path,
    )


def register_error_handlers(app: FastAPI) -> None:
    app.exception_handler(AppError)(handle_app_error)
    app.exception_handler(HTTPException)(handle_http_exception)
    app.exception_handler(RequestValidationError)(handle_validation_error)
    app.exception_handler(IntegrityError)(handle_integrity_error)
