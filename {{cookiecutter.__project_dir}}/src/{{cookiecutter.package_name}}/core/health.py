"""What `/health/ready` checks: the database and its schema, then each dependency that a feature
registers (Redis, the broker...), which the service can do without for a while."""

import logging
from collections.abc import AsyncIterator, {{ "Awaitable, " if cookiecutter.orm_mode == "async" }}Callable
from contextlib import asynccontextmanager
from functools import lru_cache
from pathlib import Path

import anyio.to_thread
from alembic.config import Config
from alembic.script import ScriptDirectory

logger = logging.getLogger(__name__)

# Answers whether a dependency is there; never raises.
ReadinessCheck = Callable[[], {{ "Awaitable[bool]" if cookiecutter.orm_mode == "async" else "bool" }}]


class ReadinessChecks:
    """The dependencies that make the service `degraded` when they do not answer, by name."""

    def __init__(self) -> None:
        self.checks: dict[str, ReadinessCheck] = {}

    def add(self, name: str, check: ReadinessCheck) -> None:
        self.checks[name] = check


@lru_cache
def migration_heads(alembic_ini: Path = Path("alembic.ini")) -> frozenset[str] | None:
    """The revisions a migrated database is at: the heads of the migrations beside `alembic_ini`
    (in the working directory, as for the `alembic` command), or None where there are none."""
    if not alembic_ini.is_file():
        logger.warning("%s not found: readiness does not check the schema's revision", alembic_ini)
        return None
    return frozenset(ScriptDirectory.from_config(Config(alembic_ini)).get_heads())


@asynccontextmanager
async def migration_heads_read() -> AsyncIterator[None]:
    """Read the migrations' heads at startup: it imports every migration, which a loaded machine
    may take longer to do than /health/ready gives the database to answer."""
    await anyio.to_thread.run_sync(migration_heads)
    yield
