"""The database away: requests that need it answer 503 with Retry-After within the configured
timeouts, and recover by themselves; /health/ready answers within a second whatever the
database does."""

{% if cookiecutter.database == "postgresql" %}
import socket
{% endif %}
{% if cookiecutter.orm_mode == "async" %}
import threading
{% endif %}
import time
from collections.abc import AsyncIterator{{ ", Iterator" if cookiecutter.database == "postgresql" }}
from contextlib import asynccontextmanager

{% if cookiecutter.orm_mode == "async" %}
import anyio
import anyio.to_thread
{% endif %}
import pytest
from httpx import ASGITransport, AsyncClient, Response
{% if cookiecutter.orm_mode == "async" %}
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
{% else %}
from sqlalchemy import Engine, text
{% endif %}

from {{ cookiecutter.package_name }}.core.config import Settings
from {{ cookiecutter.package_name }}.core.db import create_engine, create_session_factory
from {{ cookiecutter.package_name }}.core.effects import EffectHandlers, JobQueue
from {{ cookiecutter.package_name }}.core.exceptions import DatabaseUnavailableError
from {{ cookiecutter.package_name }}.core.jobs import JobContext
from {{ cookiecutter.package_name }}.core.resources import Resources
from {{ cookiecutter.package_name }}.main import create_app
from tests.factories import API, assert_problem

{% if cookiecutter.orm_mode == "async" %}
pytestmark = [pytest.mark.anyio, pytest.mark.usefixtures("aiosqlite_threads_finish")]
{% else %}
pytestmark = pytest.mark.anyio
{% endif %}

# Short timeouts, so that each case takes a second or two.
SHORT_TIMEOUTS = {
    "database_connect_timeout": 1.0,
    "database_statement_timeout": 0.5,
    "database_pool_timeout": 1.0,
}
# What a request may take past the timeout that ends it (libpq waits at least 2 s to connect).
MARGIN_SECONDS = 1.5
READY_WITHIN_SECONDS = 1.0

UNREACHABLE_URLS = [
    "sqlite:////nonexistent/folder/app.db",
{% if cookiecutter.database == "postgresql" %}
    # Port 9 (discard) on this machine: nothing listens, so the connection is refused.
    "postgresql://postgres@127.0.0.1:9/app",
{% endif %}
]


{% if cookiecutter.orm_mode == "async" %}
@pytest.fixture
async def aiosqlite_threads_finish() -> AsyncIterator[None]:
    """Let the threads of the SQLite connections that failed to open finish while the event loop
    runs: aiosqlite stops such a thread without waiting for it, and the thread then hands its last
    result to the loop."""
    before = set(threading.enumerate())
    yield
    for thread in set(threading.enumerate()) - before:
        if thread.name.endswith("(_connection_worker_thread)"):
            await anyio.to_thread.run_sync(thread.join, 1.0)


{% endif %}
@asynccontextmanager
async def serving(settings: Settings, resources: Resources) -> AsyncIterator[AsyncClient]:
    """A client of an application with its own lifespan, engine and pool."""
    app = create_app(settings, resources)
    async with (
        app.router.lifespan_context(app),
        AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client,
    ):
        yield client


def with_short_timeouts(database_url: str) -> Settings:
    settings = Settings(_env_file=None, database_url=database_url)
    return settings.model_copy(update=SHORT_TIMEOUTS)


def assert_unavailable(response: Response) -> None:
    assert_problem(response, 503)
    assert int(response.headers["retry-after"]) >= 1


async def timed_get(client: AsyncClient, url: str) -> tuple[Response, float]:
    started = time.monotonic()
    response = await client.get(url)
    return response, time.monotonic() - started


@pytest.mark.parametrize("unreachable_url", UNREACHABLE_URLS)
async def test_an_unreachable_database_makes_requests_503(
    unreachable_url: str, resources: Resources
) -> None:
    settings = with_short_timeouts(unreachable_url)
    async with serving(settings, resources) as client:
        for url in (f"{API}/tags", f"{API}/posts/1"):
            response, seconds = await timed_get(client, url)
            assert_unavailable(response)
            assert seconds < settings.database_connect_timeout + MARGIN_SECONDS

        ready, seconds = await timed_get(client, "/health/ready")
        assert_unavailable(ready)
        assert ready.json()["checks"] == {"database": "unavailable"}
        assert seconds < READY_WITHIN_SECONDS


async def test_a_statement_that_waits_too_long_makes_a_503_then_recovers(
    settings: Settings,
    engine: {{ "AsyncEngine" if cookiecutter.orm_mode == "async" else "Engine" }},
    resources: Resources,
) -> None:
    """Another transaction holds a lock that the request needs: past the statement timeout the
    request answers 503; once the lock is gone, the next one succeeds."""
    {{ cookiecutter.__async }}with engine.connect() as other:
        # On SQLite, beginning takes the write lock that every transaction takes first
        # (core/sqlite.py).
        {{ cookiecutter.__await }}other.begin()
        if other.dialect.name == "postgresql":
            {{ cookiecutter.__await }}other.execute(text("LOCK TABLE tags IN ACCESS EXCLUSIVE MODE"))
        async with serving(settings.model_copy(update=SHORT_TIMEOUTS), resources) as client:
            response, seconds = await timed_get(client, f"{API}/tags")
            assert_unavailable(response)
            assert seconds < SHORT_TIMEOUTS["database_statement_timeout"] + MARGIN_SECONDS

            {{ cookiecutter.__await }}other.rollback()
            response = await client.get(f"{API}/tags")
            assert response.status_code == 200, response.text
{% if cookiecutter.database == "postgresql" %}


@pytest.fixture
def frozen_server() -> Iterator[str]:
    """The URL of a PostgreSQL server that takes connections and never answers, as a frozen one
    (SIGSTOP) does: the kernel completes the handshakes, nobody reads."""
    with socket.create_server(("127.0.0.1", 0), backlog=64) as listener:
        port = listener.getsockname()[1]
        yield f"postgresql://postgres@127.0.0.1:{port}/app"


async def test_a_frozen_database_makes_requests_503_and_ready_answers_at_once(
    frozen_server: str, resources: Resources
) -> None:
    settings = with_short_timeouts(frozen_server)
    async with serving(settings, resources) as client:
        ready, seconds = await timed_get(client, "/health/ready")
        assert_unavailable(ready)
        assert ready.json()["checks"] == {"database": "unavailable"}
        assert seconds < READY_WITHIN_SECONDS

        response, seconds = await timed_get(client, f"{API}/tags")
        assert_unavailable(response)
        assert seconds < settings.database_connect_timeout + MARGIN_SECONDS
{% endif %}


@pytest.mark.parametrize("unreachable_url", UNREACHABLE_URLS)
async def test_jobs_see_an_unreachable_database_as_a_transient_error(unreachable_url: str) -> None:
    """What job queues retry (core/jobs.py TRANSIENT_ERRORS)."""
    settings = with_short_timeouts(unreachable_url)
    engine = create_engine(settings)
    context = JobContext(create_session_factory(engine), EffectHandlers(), JobQueue())
{% if cookiecutter.orm_mode == "async" %}
    with pytest.raises(DatabaseUnavailableError):
        async with context.unit_of_work() as work:
            await work.session.execute(text("SELECT 1"))
    await engine.dispose()
{% else %}
    with pytest.raises(DatabaseUnavailableError), context.unit_of_work() as work:
        work.session.execute(text("SELECT 1"))
    engine.dispose()
{% endif %}
