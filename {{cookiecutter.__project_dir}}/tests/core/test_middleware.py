import json
import logging
import re

import pytest
from httpx import AsyncClient

from {{ cookiecutter.package_name }}.core.config import Settings
from {{ cookiecutter.package_name }}.core.logging import configure_logging
from {{ cookiecutter.package_name }}.core.middleware import access_logger
from tests.factories import API

pytestmark = pytest.mark.anyio


async def test_request_id_is_generated_and_echoed(client: AsyncClient) -> None:
    first = await client.get("/health/live")
    second = await client.get("/health/live")

    assert re.fullmatch(r"[0-9a-f]{32}", first.headers["x-request-id"])
    assert first.headers["x-request-id"] != second.headers["x-request-id"]


async def test_a_client_request_id_is_kept(client: AsyncClient) -> None:
    response = await client.get("/health/live", headers={"X-Request-ID": "trace-42.a:b_c"})

    assert response.headers["x-request-id"] == "trace-42.a:b_c"


@pytest.mark.parametrize("unsafe", ["x" * 129, "line\tbreak", "a b"])
async def test_an_unsafe_request_id_is_replaced(client: AsyncClient, unsafe: str) -> None:
    response = await client.get("/health/live", headers={"X-Request-ID": unsafe})

    assert re.fullmatch(r"[0-9a-f]{32}", response.headers["x-request-id"])


async def test_errors_carry_the_request_id(client: AsyncClient) -> None:
    response = await client.get(f"{API}/posts/999", headers={"X-Request-ID": "req-1"})

    assert response.status_code == 404
    assert response.headers["x-request-id"] == "req-1"


async def test_one_access_log_line_per_request(
    client: AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger=access_logger.name):
        await client.get("/health/live", headers={"X-Request-ID": "req-2"})

    [record] = [r for r in caplog.records if r.name == access_logger.name]
    assert record.getMessage() == "GET /health/live 200"
    assert record.__dict__["status"] == 200
    assert record.__dict__["request_id"] == "req-2"
    assert record.__dict__["duration_ms"] >= 0


def test_json_logs_are_one_object_per_line(capsys: pytest.CaptureFixture[str]) -> None:
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    try:
        configure_logging(Settings(_env_file=None, log_json=True))
        access_logger.info("GET / 200", extra={"status": 200})
    finally:
        root.setLevel(level)
        root.handlers = handlers

    line = capsys.readouterr().err.strip().splitlines()[-1]
    entry = json.loads(line)
    assert entry["message"] == "GET / 200"
    assert entry["status"] == 200
    assert entry["level"] == "INFO"
