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

from .exceptions import AppError

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


async def handle_http_exception(request: Request, exc: HTTPException) -> ProblemResponse:
    return problem(
        exc.status_code,
        str(exc.detail),
        instance=request.url.path,
        headers=exc.headers,
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
