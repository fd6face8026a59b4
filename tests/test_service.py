"""Service tier: every combination that uses a server database runs against a real PostgreSQL
(and, with use_redis, the machine's Redis): its own tests, its migrations on a fresh database,
and the server on that database.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.matrix import Combo
from tests.project import PYTEST_QUIET, Project, check_fuzzing_finds_nothing, check_serves
from tests.services import (
    REDIS_CLEANUP,
    create_database,
    drop_database,
    require_service,
    services_needed,
)
from tests.workspace import Workspace

pytestmark = [
    pytest.mark.service,
    pytest.mark.combos(when=lambda combo: "postgresql" in services_needed(combo)),
]


@pytest.fixture
def postgres(request: pytest.FixtureRequest) -> str:
    """The server's URL (its maintenance database), or a loud skip when it is unreachable."""
    return require_service(request, "postgresql")


@pytest.fixture
def migrated_database(postgres: str, workspace: Workspace, combo: Combo, project: Project) -> str:
    """A fresh database of the combination's own, migrated to head once; dropped at the end."""

    def create_and_migrate() -> str:
        url = create_database(postgres)
        workspace.cleanups.callback(drop_database, postgres, url)
        project.uv_run("alembic", "upgrade", "head", env=project.env(DATABASE_URL=url))
        return url

    return workspace.once("alembic upgrade head (PostgreSQL)", combo, create_and_migrate)


@pytest.fixture
def service_settings(
    request: pytest.FixtureRequest,
    combo: Combo,
    project: Project,
    broker_settings: dict[str, str],
) -> Iterator[dict[str, str]]:
    """The machine's other services the combination uses, each under a name of this test's own
    (a Redis key prefix, a Celery queue) that is deleted afterwards."""
    settings: dict[str, str] = {}
    cleanups: list[tuple[str, ...]] = []
    if combo.get("use_redis") is True:
        url = require_service(request, "redis")
        prefix = f"template-test-{uuid.uuid4().hex[:16]}:"
        settings |= {"REDIS_URL": url, "REDIS_KEY_PREFIX": prefix}
        cleanups.append(("python", "-c", REDIS_CLEANUP, url, f"{prefix}*"))
    yield settings | broker_settings
    for command in cleanups:
        project.uv_run(*command)


@pytest.mark.whole_suite
def test_generated_tests_pass_on_postgresql(
    postgres: str, project: Project, service_settings: dict[str, str]
) -> None:
    # The generated conftest creates and drops its own database on this server, and with a
    # REDIS_URL deletes the keys it wrote. (Its tests run tasks in-process: no broker.)
    env = project.env(DATABASE_URL=postgres, **service_settings)
    output = project.uv_run("pytest", *PYTEST_QUIET, env=env)
    assert " passed" in output, output


def test_migrations_match_models_on_postgresql(migrated_database: str, project: Project) -> None:
    output = project.uv_run("alembic", "check", env=project.env(DATABASE_URL=migrated_database))
    assert "No new upgrade operations detected" in output, output


def test_serves_requests_on_postgresql(
    migrated_database: str,
    project: Project,
    combo: Combo,
    service_settings: dict[str, str],
    tmp_path: Path,
) -> None:
    env = project.env(DATABASE_URL=migrated_database, **service_settings)
    check_serves(project, env, tmp_path, auth=combo.get("use_auth") is True)


@pytest.mark.combos(when=lambda combo: combo.is_fuzzed)
def test_fuzzing_finds_nothing_on_postgresql(
    migrated_database: str,
    project: Project,
    service_settings: dict[str, str],
    tmp_path: Path,
) -> None:
    env = project.env(DATABASE_URL=migrated_database, **service_settings)
    output = check_fuzzing_finds_nothing(project, env, tmp_path)
    print(output[-3000:])
