"""Service tier: every combination that uses a server database runs against a real PostgreSQL:
its own tests, its migrations on a fresh database, and the server on that database.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest
from psycopg import sql

from tests.matrix import Combo
from tests.project import PYTEST_QUIET, Project, check_serves
from tests.services import require_service, services_needed
from tests.workspace import Workspace

pytestmark = [
    pytest.mark.service,
    pytest.mark.combos(when=lambda combo: "postgresql" in services_needed(combo)),
]


@pytest.fixture
def postgres(request: pytest.FixtureRequest) -> str:
    """The server's URL (its maintenance database), or a loud skip when it is unreachable."""
    return require_service(request, "postgresql")


def create_database(server_url: str) -> str:
    """Create a uniquely named database and return its URL."""
    name = f"template_test_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return urlsplit(server_url)._replace(path=f"/{name}").geturl()


def drop_database(server_url: str, database_url: str) -> None:
    name = urlsplit(database_url).path.lstrip("/")
    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


@pytest.fixture
def migrated_database(postgres: str, workspace: Workspace, combo: Combo, project: Project) -> str:
    """A fresh database of the combination's own, migrated to head once; dropped at the end."""

    def create_and_migrate() -> str:
        url = create_database(postgres)
        workspace.cleanups.callback(drop_database, postgres, url)
        project.uv_run("alembic", "upgrade", "head", env=project.env(DATABASE_URL=url))
        return url

    return workspace.once("alembic upgrade head (PostgreSQL)", combo, create_and_migrate)


def test_generated_tests_pass_on_postgresql(postgres: str, project: Project) -> None:
    # The generated conftest creates and drops its own database on this server.
    output = project.uv_run("pytest", *PYTEST_QUIET, env=project.env(DATABASE_URL=postgres))
    assert " passed" in output, output


def test_migrations_match_models_on_postgresql(migrated_database: str, project: Project) -> None:
    output = project.uv_run("alembic", "check", env=project.env(DATABASE_URL=migrated_database))
    assert "No new upgrade operations detected" in output, output


def test_serves_requests_on_postgresql(
    migrated_database: str, project: Project, combo: Combo, tmp_path: Path
) -> None:
    env = project.env(DATABASE_URL=migrated_database)
    check_serves(project, env, tmp_path, auth=combo.get("use_auth") is True)
