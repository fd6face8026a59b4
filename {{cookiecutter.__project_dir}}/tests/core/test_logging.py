import json
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from {{ cookiecutter.package_name }}.core.config import Settings
from {{ cookiecutter.package_name }}.core.logging import HANDLER_NAME, configure_logging

UTC_ISO_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00")


@pytest.fixture
def log_settings(settings: Settings) -> Iterator[Settings]:
    """Settings to configure logging with; the service's handler is removed afterwards."""
    yield settings
    root = logging.getLogger()
    root.handlers = [handler for handler in root.handlers if handler.get_name() != HANDLER_NAME]


def test_json_lines_have_utc_times_and_carry_uvicorns_lines(
    log_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging(log_settings.model_copy(update={"log_json": True}))

    # As uvicorn logs, with the copy in terminal colours that its own formatter would use.
    started = "Started server process [%d]"
    logging.getLogger("uvicorn.error").info(started, 42, extra={"color_message": started})

    [line] = capsys.readouterr().err.splitlines()
    record = json.loads(line)
    assert (record["name"], record["message"]) == ("uvicorn.error", "Started server process [42]")
    assert UTC_ISO_TIME.fullmatch(record["time"]), record
    assert "color_message" not in record


@contextmanager
def uvicorn_loggers() -> Iterator[None]:
    """The server's loggers as uvicorn sets them up with `--no-access-log`, then as they were."""
    server, access = logging.getLogger("uvicorn"), logging.getLogger("uvicorn.access")
    before = [(logger, logger.handlers, logger.propagate) for logger in (server, access)]
    server.handlers, server.propagate = [logging.StreamHandler()], False
    access.handlers, access.propagate = [], False
    try:
        yield
    finally:
        for logger, handlers, propagate in before:
            logger.handlers, logger.propagate = handlers, propagate


def test_the_servers_lines_take_the_service_format_and_its_access_log_stays_off(
    log_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    with uvicorn_loggers():
        configure_logging(log_settings.model_copy(update={"log_json": True}))
        capsys.readouterr()  # what the fixtures logged

        logging.getLogger("uvicorn").info("Finished server process")
        # What uvicorn asks before it writes a line for each request.
        access_log_on = logging.getLogger("uvicorn.access").hasHandlers()

    [line] = capsys.readouterr().err.splitlines()
    assert json.loads(line)["message"] == "Finished server process"
    assert not access_log_on


def test_text_lines_have_utc_times(
    log_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging(log_settings)

    logging.getLogger("{{ cookiecutter.package_name }}").warning("plain")

    [line] = capsys.readouterr().err.splitlines()
    time, rest = line.split(" ", 1)
    assert UTC_ISO_TIME.fullmatch(time), line
    assert rest.endswith("plain"), line
