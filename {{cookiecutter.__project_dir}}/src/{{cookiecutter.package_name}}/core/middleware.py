"""Pure ASGI middleware: request ids, security headers, one access-log line per request, the
last-resort 500, and the request body size limit."""

import logging
import re
import time
import uuid
from collections.abc import Sequence

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import problem
from .logging import request_id_var

REQUEST_ID_HEADER = "X-Request-ID"
RAW_REQUEST_ID_HEADER = REQUEST_ID_HEADER.lower().encode()
# An incoming id is echoed only when it is short and plain, so it cannot forge log lines.
VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
# An API answers JSON that no page should sniff, frame or be referred from.
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'",
}
# Only in production, which is served over HTTPS; browsers then refuse plain HTTP for a year.
HSTS_HEADER = {"Strict-Transport-Security": "max-age=31536000; includeSubDomains"}

access_logger = logging.getLogger(f"{__name__}.access")
error_logger = logging.getLogger(__name__)


def request_id_from(scope: Scope) -> str:
    candidate = Headers(scope=scope).get(REQUEST_ID_HEADER)
    if candidate is not None and VALID_REQUEST_ID.match(candidate):
        return candidate
    return uuid.uuid4().hex


def security_headers(*, production: bool) -> list[tuple[bytes, bytes]]:
    """The headers every response carries, encoded once for RequestContextMiddleware."""
    headers = SECURITY_HEADERS | HSTS_HEADER if production else SECURITY_HEADERS
    return [(name.lower().encode(), value.encode()) for name, value in headers.items()]


class RequestContextMiddleware:
    """Assigns each request an id, echoes it, adds the security headers, logs the request once,
    and never leaks a traceback."""

    def __init__(self, app: ASGIApp, response_headers: Sequence[tuple[bytes, bytes]] = ()) -> None:
        self.app = app
        # Added as they are to every response: one list built per response, nothing parsed.
        self.response_headers = list(response_headers)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        request_id = request_id_from(scope)
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        status_code = 500
        response_started = False

        async def send_with_request_id(message: Message) -> None:
            nonlocal status_code, response_started
            if message["type"] == "http.response.start":
                response_started = True
                status_code = message["status"]
                message["headers"] = [
                    *message.get("headers", ()),
                    (RAW_REQUEST_ID_HEADER, request_id.encode()),
                    *self.response_headers,
                ]
            await send(message)

        try:
            await self.app(scope, receive, send_with_request_id)
        except Exception:
            error_logger.exception("unhandled error")
            if response_started:
                raise
            response = problem(500, "An unexpected error occurred.", instance=scope["path"])
            await response(scope, receive, send_with_request_id)
        finally:
            access_logger.info(
                "%s %s %d",
                scope["method"],
                scope["path"],
                status_code,
                extra={
                    "method": scope["method"],
                    "path": scope["path"],
                    "status": status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                    "client": scope["client"][0] if scope.get("client") else None,
                },
            )
            request_id_var.reset(token)


class RequestBodyTooLargeError(HTTPException):
    """Raised while the body streams in: an HTTPException, so that FastAPI, which reads the body,
    lets it through to the problem response handler instead of calling it a parsing error."""

    def __init__(self, max_body_bytes: int) -> None:
        super().__init__(413, f"The request body is larger than {max_body_bytes} bytes.")


class BodySizeLimitMiddleware:
    """Answers 413 to a request whose body is larger than `max_body_bytes`, before it is read in
    full: at once when its Content-Length says so, else (a chunked body) as soon as the chunks
    received pass the limit."""

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        max_body_bytes = self.max_body_bytes
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > max_body_bytes:
            detail = RequestBodyTooLargeError(max_body_bytes).detail
            await problem(413, detail, instance=scope["path"])(scope, receive, send)
            return

        received = 0

        async def receive_within_limit() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > max_body_bytes:
                    raise RequestBodyTooLargeError(max_body_bytes)
            return message

        await self.app(scope, receive_within_limit, send)
