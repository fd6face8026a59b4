from pathlib import Path

import pytest
from httpx import ASGITransport, AsyncClient, Response

from {{ cookiecutter.package_name }}.core.config import Settings
from {{ cookiecutter.package_name }}.main import create_app
from tests.factories import assert_problem

pytestmark = pytest.mark.anyio


async def test_live(client: AsyncClient) -> None:
    response = await client.get("/health/live")

    assert response.status_code == 200
    assert response.json()["status"] == "ok"


async def test_ready_checks_the_database(client: AsyncClient) -> None:
    response = await client.get("/health/ready")

    assert response.status_code == 200
    checks = response.json()["checks"]
    assert response.json()["status"] == "ok"
{% if cookiecutter.use_redis and cookiecutter.use_celery %}
    assert checks == {"database": "ok", "redis": "ok", "broker": "ok"}
{% elif cookiecutter.use_redis %}
    assert checks == {"database": "ok", "redis": "ok"}
{% elif cookiecutter.use_celery %}
    assert checks == {"database": "ok", "broker": "ok"}
{% else %}
    assert checks == {"database": "ok"}
{% endif %}


async def readiness_of(settings: Settings) -> Response:
    """GET /health/ready of an app with its own lifespan, on the database `settings` name."""
    app = create_app(settings)
    transport = ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        AsyncClient(transport=transport, base_url="http://test") as client,
    ):
        return await client.get("/health/ready")


async def test_not_ready_without_a_database() -> None:
    settings = Settings(_env_file=None, database_url="sqlite:////nonexistent/folder/app.db")

    problem = assert_problem(await readiness_of(settings), 503)
    assert problem["checks"] == {"database": "unavailable"}


async def test_not_ready_before_the_migrations(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, database_url=f"sqlite:///{tmp_path / 'empty.db'}")

    problem = assert_problem(await readiness_of(settings), 503)
    assert problem["checks"] == {"database": "not migrated"}
