"""Where the metrics are served: on a port of their own, and from several worker processes."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from httpx import ASGITransport, AsyncClient, ConnectError

from {{ cookiecutter.package_name }}.core.config import Settings
from {{ cookiecutter.package_name }}.core.resources import Resources
from {{ cookiecutter.package_name }}.main import create_app
from {{ cookiecutter.package_name }}.metrics.exposition import MULTIPROCESS_DIR_VARIABLE
from tests.conftest import PROJECT_ROOT
from tests.factories import assert_problem
from tests.metrics.scrape import Scrape

LIVE = {"method": "GET", "route": "/health/live", "status": "200"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.mark.anyio
async def test_metrics_can_have_a_port_of_their_own(
    settings: Settings, resources: Resources
) -> None:
    port = free_port()
    changes = {"metrics_port": port, "metrics_address": "127.0.0.1"}
    app = create_app(settings.model_copy(update=changes), resources)
    url = f"http://127.0.0.1:{port}/metrics"
    async with (
        AsyncClient(trust_env=False) as outside,
        AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client,
    ):
        async with app.router.lifespan_context(app):
            assert (await client.get("/health/live")).status_code == 200
            assert_problem(await client.get("/metrics"), 404)
            response = await outside.get(url)
        # The port is closed with the application.
        with pytest.raises(ConnectError):
            await outside.get(url)

    assert response.status_code == 200
    assert Scrape(response.text).value("http_requests_total", **LIVE) == 1


# One worker process of a server: it answers one request, and scrapes when told to.
WORKER = """
import sys

from fastapi.testclient import TestClient

from {{ cookiecutter.package_name }}.core.config import Settings
from {{ cookiecutter.package_name }}.main import create_app

settings = Settings(_env_file=None, environment="test", database_url=sys.argv[1])
with TestClient(create_app(settings)) as client:
    assert client.get("/health/live").status_code == 200
    if sys.argv[2:] == ["scrape"]:
        print(client.get("/metrics").text)
"""


def run_worker(settings: Settings, folder: Path, *args: str) -> str:
    environment = os.environ | {MULTIPROCESS_DIR_VARIABLE: str(folder)}
    command = [sys.executable, "-c", WORKER, settings.database_url, *args]
    completed = subprocess.run(
        command,
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return completed.stdout


def test_several_workers_are_scraped_as_one(settings: Settings, tmp_path: Path) -> None:
    # Each worker in a process of its own, as `uvicorn --workers` runs them: the second sees
    # the first's requests, and of the live gauges only its own, the first having stopped.
    run_worker(settings, tmp_path)
    metrics = Scrape(run_worker(settings, tmp_path, "scrape"))

    assert metrics.value("http_requests_total", **LIVE) == 2
    assert metrics.value("http_requests_in_flight") == 0
    assert metrics.value("db_pool_size") == settings.database_pool_size
