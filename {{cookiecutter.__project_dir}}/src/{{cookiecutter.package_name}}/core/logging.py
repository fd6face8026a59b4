"""Logging to stderr, as plain text or one JSON object per line (LOG_JSON=true), with times in
UTC (ISO 8601). Uvicorn's own lines (start-up, shutdown, errors) go the same way."""

import logging
from contextvars import ContextVar
from datetime import UTC, datetime

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter

from .config import Settings

# The id of the request being handled, attached to every log record written while handling it.
request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)

HANDLER_NAME = __name__
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
JSON_FIELDS = "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s"
# Uvicorn gives these loggers handlers and formats of its own before it imports the app; the app
# takes them over, so that every line the process writes has one format.
SERVER_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access")
# Not fields of a JSON line: uvicorn's copy of the message with terminal colours.
NOT_FIELDS = [*RESERVED_ATTRS, "color_message"]


def utc_time(record: logging.LogRecord) -> str:
    """The record's time in UTC, e.g. 2026-12-02T10:00:00.123+00:00."""
    return datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds")


class TextFormatter(logging.Formatter):
    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:  # noqa: N802
        return utc_time(record)


class JsonLineFormatter(JsonFormatter):
    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:  # noqa: N802
        return utc_time(record)


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


def configure_logging(settings: Settings) -> None:
    handler = logging.StreamHandler()
    handler.set_name(HANDLER_NAME)
    handler.addFilter(RequestIdFilter())
    if settings.log_json:
        handler.setFormatter(
            JsonLineFormatter(
                JSON_FIELDS,
                rename_fields={"asctime": "time", "levelname": "level"},
                reserved_attrs=NOT_FIELDS,
            )
        )
    else:
        handler.setFormatter(TextFormatter(TEXT_FORMAT))
    root = logging.getLogger()
    # Replace only our own handler, so calling this twice (or under pytest) adds no duplicates.
    root.handlers = [h for h in root.handlers if h.get_name() != HANDLER_NAME] + [handler]
    root.setLevel(settings.log_level)
    for name in SERVER_LOGGERS:
        server_logger = logging.getLogger(name)
        # A logger that uvicorn left without handlers stays as it is: `--no-access-log` turns
        # the access logger off that way (the service logs each request itself), and writing
        # every request twice would cost a sixth of a fast endpoint's throughput.
        if server_logger.handlers:
            server_logger.handlers = []
            server_logger.propagate = True
