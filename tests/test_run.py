"""Run tier: every combination installs with `uv sync`, and on SQLite mypy --strict is clean, the
migrations match the models and the server answers real requests. Its own tests pass on SQLite
where SQLite is its database (on its server, in the service tier, otherwise), and the default and
the all-on combination pass them with their direct dependencies at the lowest versions allowed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.matrix import Combo
from tests.project import (
    PYTEST_QUIET,
    Project,
    check_fuzzing_finds_nothing,
    check_serves,
    tool,
)
from tests.services import broker_scheme, services_needed, unreachable_url
from tests.workspace import Workspace

pytestmark = pytest.mark.run

# Combinations whose default database is a server run this tier on SQLite all the same.
SQLITE_URL = "sqlite:///./run-tier.db"


@pytest.fixture
def env(project: Project, combo: Combo) -> dict[str, str]:
    """No services: SQLite, the project's own default database or SQLITE_URL where the default
    is a server. (Without REDIS_URL the generated tests use a fake Redis.)"""
    if combo.get("database", "sqlite") == "sqlite":
        return project.env()
    return project.env(DATABASE_URL=SQLITE_URL)


@pytest.fixture
def migrated(workspace: Workspace, combo: Combo, project: Project, env: dict[str, str]) -> Project:
    workspace.once(
        "alembic upgrade head (SQLite)",
        combo,
        lambda: project.uv_run("alembic", "upgrade", "head", env=env),
    )
    return project


@pytest.mark.whole_suite
@pytest.mark.combos(when=lambda combo: "postgresql" not in services_needed(combo))
def test_generated_tests_pass(project: Project, env: dict[str, str]) -> None:
    output = project.uv_run("pytest", *PYTEST_QUIET, env=env)
    assert " passed" in output, output


@pytest.mark.combos(when=lambda combo: combo.is_default or combo.is_all_on)
def test_generated_tests_pass_at_the_lowest_direct_versions(
    workspace: Workspace, combo: Combo, tmp_path: Path
) -> None:
    # The floors in pyproject.toml are promises to anyone who installs next to other packages:
    # every direct dependency at its lowest allowed version (the others at their newest) must
    # pass the generated tests. In a copy of its own, so that the other tests keep the newest.
    baked = workspace.baked(combo)
    root = tmp_path / baked.root.name
    shutil.copytree(baked.root, root, symlinks=True)
    lowest = Project(root, baked.package, baked.api)
    lowest.run(tool("uv"), "sync", "--resolution", "lowest-direct", timeout=900)
    output = lowest.uv_run("pytest", *PYTEST_QUIET)
    assert " passed" in output, output


@pytest.fixture(scope="session")
def mypy_cache(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One mypy cache per worker, shared by its combinations: the libraries they import are
    the same, so only each project's own modules are checked afresh."""
    return str(tmp_path_factory.mktemp("mypy-cache"))


def test_mypy_strict_clean(project: Project, env: dict[str, str], mypy_cache: str) -> None:
    output = project.uv_run("mypy", "--strict", env=env | {"MYPY_CACHE_DIR": mypy_cache})
    assert "Success: no issues found" in output, output


def test_migrations_match_models(migrated: Project, env: dict[str, str]) -> None:
    output = migrated.uv_run("alembic", "check", env=env)
    assert "No new upgrade operations detected" in output, output


def test_serves_requests(
    migrated: Project, env: dict[str, str], combo: Combo, tmp_path: Path
) -> None:
    # Nothing listens at these addresses: the server shows what it does without the services.
    if combo.get("use_redis") is True:
        env = env | {"REDIS_URL": unreachable_url("redis")}
    broker = combo.get("use_celery") is not True
    if not broker:
        env = env | {"CELERY_BROKER_URL": unreachable_url(broker_scheme(combo))}
    check_serves(migrated, env, tmp_path, auth=combo.get("use_auth") is True, broker=broker)


@pytest.mark.combos(when=lambda combo: combo.is_fuzzed and not services_needed(combo))
def test_fuzzing_finds_nothing(migrated: Project, env: dict[str, str], tmp_path: Path) -> None:
    output = check_fuzzing_finds_nothing(migrated, env, tmp_path)
    print(output[-3000:])
