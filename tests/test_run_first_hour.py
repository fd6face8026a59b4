"""Run tier, the first hour with a generated service, seen from outside as its new owner sees it:
the make targets (another virtualenv active, `make run HOST= PORT=`, `make seed`, `make beat`),
the index at /, JSON logs with UTC times from every line the server writes, and one readable line
instead of a traceback for a bad setting or a database that is not there.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import time
import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.matrix import Combo
from tests.project import (
    Project,
    free_port,
    http,
    run_ok,
    serving,
    start_logged,
    stop_process,
    tail,
    tool,
)
from tests.services import broker_scheme, require_service, unreachable_url

UV_VENV_WARNING = "does not match the project environment path"
# An ISO 8601 time in UTC, to the millisecond at least.
UTC_ISO_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3,6}(Z|\+00:00)")
EXIT_TIMEOUT = 60.0


# What these tests see (the Makefile, the settings, the logging set-up, alembic's env.py) differs
# little between combinations, and each starts real processes: they run where it differs, not in
# all 96 combinations (whose own generated suites test the same code from inside).
def makefile_stands_for_all(combo: Combo) -> bool:
    """The targets tested here are the same in every Makefile."""
    return combo.is_default


def stands_for_all(combo: Combo) -> bool:
    """The default, the sync default and the all-on combination: every ORM mode, and every
    setting and command that an option adds."""
    return combo.is_default or combo.is_all_on or combo.changes == {"orm_mode": "sync"}


def postgresql_stands_for_all(combo: Combo) -> bool:
    """PostgreSQL in each ORM mode, the other options at their defaults."""
    return combo.get("database") == "postgresql" and set(combo.changes) <= {"database", "orm_mode"}


def finished(
    args: Sequence[str], cwd: Path, env: Mapping[str, str], timeout: float = EXIT_TIMEOUT
) -> subprocess.CompletedProcess[str]:
    """Run a command to its end, whatever its exit code, with stdout and stderr apart."""
    return subprocess.run(
        args,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def own_lines(stderr: str) -> list[str]:
    """The lines a command run by make wrote, without make's own `make: *** ...` line."""
    return [line for line in stderr.splitlines() if line.strip() and not line.startswith("make")]


def fresh_database(project: Project, tmp_path: Path, name: str = "fresh") -> dict[str, str]:
    """The environment of a migrated SQLite database of the test's own."""
    env = project.env(DATABASE_URL=f"sqlite:///{tmp_path / name}.db")
    project.uv_run("alembic", "upgrade", "head", env=env)
    return env


@pytest.mark.run
@pytest.mark.combos(when=makefile_stands_for_all)
def test_make_ignores_another_active_virtualenv(project: Project, tmp_path: Path) -> None:
    other = tmp_path / "other-venv"
    other.mkdir()
    env = project.env(DATABASE_URL=f"sqlite:///{tmp_path / 'venv.db'}", VIRTUAL_ENV=str(other))
    # The warning the Makefile avoids is real: uv prints it when run directly in this shell.
    direct = finished([tool("uv"), "run", "--no-sync", "python", "-c", "pass"], project.root, env)
    assert UV_VENV_WARNING in direct.stderr, direct.stderr

    through_make = finished(["make", "migrate"], project.root, env)

    output = through_make.stdout + through_make.stderr
    assert through_make.returncode == 0, tail(output)
    assert UV_VENV_WARNING not in output, tail(output)


@pytest.mark.run
@pytest.mark.combos(when=makefile_stands_for_all)
def test_make_run_serves_on_the_host_and_port_given(project: Project, tmp_path: Path) -> None:
    env = fresh_database(project, tmp_path)
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    # `make fuzz` follows HOST and PORT unless URL is given.
    dry_run = run_ok(["make", "-n", "fuzz", f"PORT={port}"], project.root, env)
    assert f'--url "{base_url}"' in dry_run, dry_run

    log_path = tmp_path / "make-run.log"
    make = start_logged(
        ["make", "run", "HOST=127.0.0.1", f"PORT={port}"], project.root, env, log_path
    )
    try:
        index = wait_for_index(make, base_url, log_path)
    finally:
        # Ctrl-C reaches make, uv, the reloader and the server alike: their process group.
        if make.poll() is None:
            os.killpg(make.pid, signal.SIGINT)
        stopped = stop_process(make, signal.SIGINT, 20)
    assert stopped, tail(log_path.read_text(errors="replace"))
    assert isinstance(index, dict), index
    assert index["health"] == {"live": "/health/live", "ready": "/health/ready"}, index


def wait_for_index(process: subprocess.Popen[bytes], base_url: str, log_path: Path) -> object:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            response = http("GET", base_url + "/")
        except OSError:
            time.sleep(0.25)
            continue
        assert response.status == 200, response.body
        return response.json()
    pytest.fail(
        f"make run gave no GET / on {base_url}:\n{tail(log_path.read_text(errors='replace'))}",
        pytrace=False,
    )


@pytest.mark.run
@pytest.mark.combos(when=stands_for_all)
def test_make_seed_fills_an_empty_database_once(
    project: Project, combo: Combo, tmp_path: Path
) -> None:
    env = fresh_database(project, tmp_path) | {"UV_NO_SYNC": "1"}

    seeded = run_ok(["make", "-s", "seed"], project.root, env)
    again = finished(["make", "-s", "seed"], project.root, env)

    assert "Seeded 2 users, 3 posts and 4 tags." in seeded, seeded
    if combo.get("use_auth") is True:
        assert "ada@example.com (admin)" in seeded, seeded
    assert again.returncode != 0, again.stdout
    refusal = "The database has 2 users: seed fills an empty one only."
    assert own_lines(again.stderr) == [refusal], again.stderr


@pytest.mark.run
@pytest.mark.combos(when=lambda combo: combo.is_all_on)
def test_make_beat_leaves_nothing_for_git(project: Project, combo: Combo, tmp_path: Path) -> None:
    env = project.env(CELERY_BROKER_URL=unreachable_url(broker_scheme(combo)))
    log_path = tmp_path / "beat.log"
    beat = start_logged(["make", "beat"], project.root, env, log_path)
    state = project.root / ".state"
    try:
        deadline = time.monotonic() + 60
        while not list(state.glob("celerybeat-schedule*")) and time.monotonic() < deadline:
            assert beat.poll() is None, tail(log_path.read_text(errors="replace"))
            time.sleep(0.25)
    finally:
        if beat.poll() is None:
            os.killpg(beat.pid, signal.SIGINT)
        stop_process(beat, signal.SIGINT, 20)
    assert list(state.glob("celerybeat-schedule*")), tail(log_path.read_text(errors="replace"))

    # What `git status` would offer to add in a new repository of the project.
    repository = tmp_path / "repository"
    run_ok(["git", "init", "-q", str(repository)], tmp_path)
    git = ["git", f"--git-dir={repository / '.git'}", f"--work-tree={project.root}"]
    untracked = run_ok([*git, "ls-files", "--others", "--exclude-standard"], project.root)
    assert not [path for path in untracked.splitlines() if "celerybeat" in path], untracked
    assert not [path for path in untracked.splitlines() if path.startswith(".state")], untracked


@pytest.mark.run
@pytest.mark.combos(when=stands_for_all)
def test_the_index_and_every_log_line_is_json_in_utc(project: Project, tmp_path: Path) -> None:
    env = fresh_database(project, tmp_path) | {"LOG_JSON": "true"}
    with serving(project, env, tmp_path) as server:
        server.wait_ready()
        index = http("GET", server.base_url + "/")
        missing = http("GET", f"{server.api}/posts/999999")
        log_path = server.log_path

    assert index.status == 200, index.body
    body = index.json()
    assert isinstance(body, dict) and body["docs"] == "/docs", body
    assert missing.status == 404, missing.body
    lines = log_path.read_text(encoding="utf-8").splitlines()
    records = []
    for line in lines:
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            pytest.fail(f"a log line is not JSON: {line!r}\n{tail(chr(10).join(lines))}")
        assert isinstance(record, dict), line
        assert UTC_ISO_TIME.fullmatch(record.get("time", "")), line
        stamp = datetime.fromisoformat(record["time"].replace("Z", "+00:00"))
        assert stamp.utcoffset() == timedelta(0), line
        records.append(record)
    messages = [str(record.get("message")) for record in records]
    # Uvicorn's own lines, start to end, and the service's access lines.
    for expected in ("Started server process", "Application startup complete", "GET / 200"):
        assert any(expected in message for message in messages), messages
    assert any("Application shutdown complete" in message for message in messages), messages


def bad_settings(combo: Combo) -> list[tuple[dict[str, str], str]]:
    """Settings that must stop the start, and the start of the line that says why."""
    cases = [
        ({"DATABASE_POOL_SIZE": "ten"}, "invalid setting DATABASE_POOL_SIZE: "),
        ({"DATABASE_URL": "not a url"}, "invalid setting DATABASE_URL: not a database URL"),
        ({"CORS_ORIGINS": "localhost"}, "invalid setting CORS_ORIGINS: not JSON"),
    ]
    if combo.get("use_auth") is True or combo.get("api_versioning") is True:
        short_key = {"ENVIRONMENT": "production", "SECRET_KEY": "short"}
        cases.append((short_key, "invalid setting SECRET_KEY: must be a random value of at least"))
    return cases


@pytest.mark.run
@pytest.mark.combos(when=stands_for_all)
def test_a_bad_setting_stops_the_start_with_one_line(
    project: Project, combo: Combo, tmp_path: Path
) -> None:
    uvicorn = str(project.root / ".venv" / "bin" / "uvicorn")
    alembic = str(project.root / ".venv" / "bin" / "alembic")
    commands = {
        "uvicorn": [uvicorn, f"{project.package}.main:app", "--port", str(free_port())],
        "alembic": [alembic, "upgrade", "head"],
    }
    for settings, says in bad_settings(combo):
        env = project.env(DATABASE_URL=f"sqlite:///{tmp_path / 'never.db'}") | settings
        for name, command in commands.items():
            started = finished(command, project.root, env)
            shown = f"{name} with {settings}: exit {started.returncode}\n{started.stderr}"
            assert started.returncode != 0, shown
            assert "Traceback" not in started.stdout + started.stderr, shown
            lines = started.stderr.strip().splitlines()
            assert len(lines) == 1 and lines[0].startswith(says), shown


@pytest.mark.run
@pytest.mark.combos(when=postgresql_stands_for_all)
def test_make_migrate_says_in_one_line_that_the_database_does_not_answer(
    project: Project,
) -> None:
    port = free_port()
    url = f"postgresql://postgres:not-this-password@127.0.0.1:{port}/{project.package}"
    env = project.env(DATABASE_URL=url, UV_NO_SYNC="1")

    migrate = finished(["make", "-s", "migrate"], project.root, env)

    output = migrate.stdout + migrate.stderr
    assert migrate.returncode != 0, output
    assert "Traceback" not in output and "not-this-password" not in output, output
    [line] = own_lines(migrate.stderr)
    where = f"postgresql://postgres:***@127.0.0.1:{port}/{project.package}"
    assert line.startswith(f"cannot migrate: the database at {where} does not answer"), line


@pytest.mark.service
@pytest.mark.combos(when=postgresql_stands_for_all)
def test_make_migrate_says_in_one_line_that_the_database_does_not_exist(
    request: pytest.FixtureRequest, project: Project
) -> None:
    server = require_service(request, "postgresql")
    name = f"missing_{uuid.uuid4().hex[:12]}"
    url = re.sub(r"/[^/]*$", f"/{name}", server)
    env = project.env(DATABASE_URL=url, UV_NO_SYNC="1")

    migrate = finished(["make", "-s", "migrate"], project.root, env)

    output = migrate.stdout + migrate.stderr
    assert migrate.returncode != 0, output
    assert "Traceback" not in output, output
    [line] = own_lines(migrate.stderr)
    assert line.startswith(f"cannot migrate: the database '{name}' does not exist on "), line
    assert "createdb" in line, line
