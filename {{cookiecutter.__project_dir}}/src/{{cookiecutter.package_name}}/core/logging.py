"""Logging to stderr, as plain text or one JSON object per line (LOG_JSON=true)."""

import logging
from contextvars import ContextVar

from pythonjsonlogger.json import JsonFormatter

from .config import Settings

# The id of the request being handled, attached to every log record written while handling it.
request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)

HANDLER_NAME = __name__
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
JSON_FIELDS = "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s"


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
            JsonFormatter(JSON_FIELDS, rename_fields={"asctime": "time", "levelname": "level"})
        )
    else:
        handler.setFormatter(logging.Formatter(TEXT_FORMAT))
    root = logging.getLogger()
    # Replace only our own handler, so calling this twice (or under pytest) adds no duplicates.
    root.handlers = [h for h in root.handlers if h.get_name() != HANDLER_NAME] + [handler]
    root.setLevel(settings.log_level)
