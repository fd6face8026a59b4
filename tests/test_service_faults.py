"""Service tier, faults for real: a PostgreSQL and a Redis of the test's own, each stopped, frozen
(SIGSTOP) and restarted while clients send a mixed load of reads and writes to the served
project. Meanwhile the service answers only 2xx, or 503 (problem+json with Retry-After); it
recovers within RECOVERY_LIMIT of each service's return; every write it acknowledged with 201 is
in the database afterwards, and no write it answered 503 is. The figures are printed (`-s`).
"""

from __future__ import annotations

import http.client
import json
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import psycopg
import pytest
from psycopg import sql

from tests.matrix import Combo
from tests.project import Project, Server, expect, free_port, serving, sign_up
from tests.services import RedisServer, missing, require_program


def faulted(combo: Combo) -> bool:
    """One combination per ORM mode: PostgreSQL, Redis and auth, jobs in the service's process."""
    return (
        combo.get("database") == "postgresql"
        and combo.get("use_redis") is True
        and combo.get("use_auth") is True
        and combo.get("use_celery") is False
        and combo.get("api_versioning") is True
    )


pytestmark = [pytest.mark.service, pytest.mark.combos(when=faulted)]

# Each fault lasts this long, then the service has RECOVERY_LIMIT to answer again, then the load
# runs undisturbed for STEADY_SECONDS before the next fault.
OUTAGE_SECONDS = 3.0
RECOVERY_LIMIT = 2.0
STEADY_SECONDS = 2.0
CLIENTS = 4
# Longer than any fault: a request may wait for a frozen database (see the README).
CLIENT_TIMEOUT = 20.0
READY_LIMIT = 1.0
# Short timeouts, so that the outages show within the faults' few seconds.
SERVICE_SETTINGS = {
    "DATABASE_CONNECT_TIMEOUT": "1",
    "DATABASE_STATEMENT_TIMEOUT": "2",
    "DATABASE_POOL_TIMEOUT": "1",
    "REDIS_TIMEOUT_SECONDS": "0.2",
    "REDIS_RETRY_AFTER_SECONDS": "0.2",
}
# The account that runs PostgreSQL when the tests run as root (it refuses to run as root).
TEST_ACCOUNT = "template-postgres"
START_TIMEOUT = 30.0


def postgres_programs(request: pytest.FixtureRequest) -> Path:
    """The folder of a PostgreSQL installation's `initdb` and `postgres`: the newest under
    /usr/lib/postgresql, else beside `initdb` on PATH."""
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda folder: int(folder.parent.name) if folder.parent.name.isdigit() else 0,
        reverse=True,
    )
    initdb = shutil.which("initdb")
    if initdb is not None:
        candidates.append(Path(initdb).resolve().parent)
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "postgres").is_file():
            return folder
    missing(request, "postgresql", "postgresql: initdb and postgres are not installed")
    raise AssertionError("unreachable")


def server_account(request: pytest.FixtureRequest) -> pwd.struct_passwd:
    """A non-root account to run PostgreSQL: ours, or as root `postgres`, else one made here."""
    if os.geteuid() != 0:
        return pwd.getpwuid(os.geteuid())
    for name in ("postgres", TEST_ACCOUNT):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            pass
    useradd = shutil.which("useradd")
    if useradd is None:
        missing(
            request,
            "postgresql",
            f"postgresql: no account but root, and no useradd to add {TEST_ACCOUNT}",
        )
    subprocess.run(
        [
            str(useradd),
            "--system",
            "--no-create-home",
            "--shell",
            "/usr/sbin/nologin",
            TEST_ACCOUNT,
        ],
        check=True,
    )
    return pwd.getpwnam(TEST_ACCOUNT)


class PostgresServer:
    """A PostgreSQL cluster of the test's own in a folder of its own, run by a non-root account,
    that the test can stop, freeze and start again on the same port."""

    def __init__(self, programs: Path, account: pwd.struct_passwd, folder: Path) -> None:
        self.programs = programs
        self.account = account
        self.folder = folder
        self.data = folder / "data"
        self.log_path = folder / "postgres.log"
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def _as_account(self) -> dict[str, Any]:
        if os.geteuid() != 0:
            return {}
        return {"user": self.account.pw_uid, "group": self.account.pw_gid, "extra_groups": []}

    def init(self) -> None:
        os.chown(self.folder, self.account.pw_uid, self.account.pw_gid)
        command = [str(self.programs / "initdb"), "-D", str(self.data), "-U", "postgres"]
        command += ["-A", "trust", "-E", "UTF8", "--no-sync"]
        subprocess.run(command, check=True, capture_output=True, **self._as_account())

    def start(self) -> None:
        command = [str(self.programs / "postgres"), "-D", str(self.data), "-p", str(self.port)]
        command += ["-k", str(self.folder), "-c", "listen_addresses=127.0.0.1"]
        # No fsync: the machine does not crash in this test, and the cluster is thrown away.
        command += ["-c", "fsync=off"]
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                **self._as_account(),
            )
        deadline = time.monotonic() + START_TIMEOUT
        while not self.answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail(f"postgres on port {self.port} did not start: {self.log_path}")
            time.sleep(0.05)

    def answers(self) -> bool:
        try:
            with psycopg.connect(self.url(), connect_timeout=2) as connection:
                connection.execute("SELECT 1")
        except psycopg.Error:
            return False
        return True

    def stop(self) -> None:
        """A fast shutdown, as `pg_ctl stop` does: open transactions are rolled back."""
        if self.process is not None and self.process.poll() is None:
            self.thaw()
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.process = None

    def processes(self) -> list[int]:
        """The postmaster and its children (the backends and the background processes)."""
        if self.process is None:
            return []
        postmaster = self.process.pid
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == postmaster:
                children.append(int(stat.parent.name))
        return [postmaster, *children]

    def freeze(self) -> None:
        for pid in self.processes():
            os.kill(pid, signal.SIGSTOP)

    def thaw(self) -> None:
        for pid in reversed(self.processes()):
            os.kill(pid, signal.SIGCONT)

    def create_database(self, name: str) -> str:
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return self.url(name)


@pytest.fixture
def postgres_server(request: pytest.FixtureRequest) -> Iterator[PostgresServer]:
    programs = postgres_programs(request)
    account = server_account(request)
    # Not under pytest's tmp_path: the server's account must be able to reach its folder.
    folder = Path(tempfile.mkdtemp(prefix="template-faults-"))
    server = PostgresServer(programs, account, folder)
    try:
        server.init()
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def redis_server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(require_program(request, "redis", "redis-server"), free_port(), tmp_path)
    server.start()
    yield server
    if server.process is not None:
        os.kill(server.process.pid, signal.SIGCONT)
    server.stop()


@dataclass(frozen=True)
class Outcome:
    started: float
    finished: float
    write: bool
    status: int  # 0: no answer (the connection failed)
    title: str  # of the post a write creates
    problem: str  # what is wrong with a 503's form, if anything
    closed: bool  # the server closed the connection after the response


@dataclass
class Load:
    """Clients that each send reads and writes over one keep-alive connection until stopped."""

    server: Server
    headers: Mapping[str, str]
    read_urls: list[str]
    outcomes: list[Outcome] = field(default_factory=list)
    stopping: threading.Event = field(default_factory=threading.Event)
    threads: list[threading.Thread] = field(default_factory=list)

    def start(self) -> None:
        for client in range(CLIENTS):
            thread = threading.Thread(target=self.run, args=(client,), daemon=True)
            thread.start()
            self.threads.append(thread)

    def stop(self) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join(CLIENT_TIMEOUT + 5)

    def run(self, client: int) -> None:
        parts = urlsplit(self.server.base_url)
        assert parts.hostname is not None and parts.port is not None
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=CLIENT_TIMEOUT)
        number = 0
        while not self.stopping.is_set():
            number += 1
            write = number % 2 == 0
            title = f"load {client}-{number}"
            started = time.monotonic()
            headers = {**self.headers, "Content-Type": "application/json"}
            try:
                if write:
                    body = json.dumps({"title": title, "body": "a few words", "published": True})
                    connection.request(
                        "POST", urlsplit(f"{self.server.api}/posts").path, body, headers
                    )
                else:
                    url = self.read_urls[number // 2 % len(self.read_urls)]
                    connection.request("GET", urlsplit(url).path, headers=headers)
                response = connection.getresponse()
                content = response.read()
            except (OSError, http.client.HTTPException):
                connection.close()
                self.outcomes.append(Outcome(started, time.monotonic(), write, 0, title, "", True))
                continue
            closed = response.will_close
            if closed:
                connection.close()
            problem = problem_of(response, content) if response.status == 503 else ""
            outcome = Outcome(
                started, time.monotonic(), write, response.status, title, problem, closed
            )
            self.outcomes.append(outcome)

    def outcomes_since(self, start: float) -> list[int]:
        """The statuses of the requests sent from `start` on."""
        return [outcome.status for outcome in self.outcomes if outcome.started >= start]

    def between(self, start: float, end: float) -> list[Outcome]:
        """The requests sent from `start` on and answered before `end`."""
        return [o for o in self.outcomes if start <= o.started and o.finished < end]


def problem_of(response: http.client.HTTPResponse, content: bytes) -> str:
    """What makes a 503 other than problem+json with Retry-After, or an empty string."""
    if response.getheader("content-type") != "application/problem+json":
        return f"content-type {response.getheader('content-type')}"
    if not (response.getheader("retry-after") or "").isdigit():
        return f"retry-after {response.getheader('retry-after')!r}"
    if json.loads(content).get("status") != 503:
        return f"body {content[:200]!r}"
    return ""


@dataclass(frozen=True)
class Fault:
    name: str
    begin: Callable[[], None]
    end: Callable[[], None]
    # How long the service stays away between `begin` and `end` (0: a restart).
    hold: float
    # Whether the database is away: /health/ready must then answer 503 within READY_LIMIT.
    database_away: bool


def get_json(url: str, headers: Mapping[str, str]) -> tuple[int, Any]:
    """GET `url` on a connection of its own: the status (0 for no answer) and the JSON body."""
    parts = urlsplit(url)
    assert parts.hostname is not None and parts.port is not None
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=CLIENT_TIMEOUT)
    try:
        connection.request("GET", parts.path, headers=dict(headers))
        response = connection.getresponse()
        body = response.read()
    except (OSError, http.client.HTTPException):
        return 0, None
    finally:
        connection.close()
    return response.status, json.loads(body) if body else None


def recovered(server: Server, fault: Fault, headers: Mapping[str, str]) -> bool:
    """Whether the service is whole again: after a database fault it answers a request that
    needs the database (signed in, so its user is loaded); after a Redis fault it uses Redis
    again (readiness says so)."""
    if fault.name.startswith("PostgreSQL"):
        return get_json(f"{server.api}/users/me", headers)[0] == 200
    status, ready = get_json(f"{server.base_url}/health/ready", {})
    return status == 200 and ready["checks"].get("redis") == "ok"


def recovery_time(server: Server, fault: Fault, headers: Mapping[str, str], back: float) -> float:
    """Seconds from the service's return until the service recovered."""
    give_up = back + RECOVERY_LIMIT + 10
    while not recovered(server, fault, headers):
        if time.monotonic() > give_up:
            server.fail(f"the service did not recover within 10 s of '{fault.name}' ending")
        time.sleep(0.02)
    return time.monotonic() - back


def timed_ready(server: Server) -> tuple[int, float]:
    """The status of GET /health/ready, and the seconds it took."""
    started = time.monotonic()
    status, _ = get_json(f"{server.base_url}/health/ready", {})
    return status, time.monotonic() - started


def signal_process(process: subprocess.Popen[bytes] | None, signum: int) -> None:
    assert process is not None, "the server is not running"
    os.kill(process.pid, signum)


def test_the_service_rides_out_database_and_redis_faults(
    project: Project,
    postgres_server: PostgresServer,
    redis_server: RedisServer,
    tmp_path: Path,
) -> None:
    database_url = postgres_server.create_database("app")
    env = project.env(DATABASE_URL=database_url, REDIS_URL=redis_server.url, **SERVICE_SETTINGS)
    project.uv_run("alembic", "upgrade", "head", env=env)
    pg, redis = postgres_server, redis_server
    faults = [
        Fault("PostgreSQL stopped", pg.stop, pg.start, OUTAGE_SECONDS, database_away=True),
        Fault("PostgreSQL frozen", pg.freeze, pg.thaw, OUTAGE_SECONDS, database_away=True),
        Fault("PostgreSQL restarted", pg.stop, pg.start, 0, database_away=False),
        Fault("Redis stopped", redis.stop, redis.start, OUTAGE_SECONDS, database_away=False),
        Fault(
            "Redis frozen",
            lambda: signal_process(redis.process, signal.SIGSTOP),
            lambda: signal_process(redis.process, signal.SIGCONT),
            OUTAGE_SECONDS,
            database_away=False,
        ),
        Fault("Redis restarted", redis.stop, redis.start, 0, database_away=False),
    ]
    # Each fault, when it began, when its service was back, and when the next fault began.
    windows: list[tuple[Fault, float, float, float]] = []
    recoveries: dict[str, float] = {}
    readiness: dict[str, float] = {}
    started = time.monotonic()
    with serving(project, env, tmp_path) as server:
        server.wait_ready()
        _, headers = sign_up(server, auth=True)
        post = {"title": "Read under load", "body": "a few words", "published": True}
        created = expect(server, "POST", f"{server.api}/posts", 201, payload=post, headers=headers)
        reads = [created.headers["location"], f"{server.api}/tags", f"{server.api}/users/me"]
        load = Load(server, headers, reads)
        load.start()
        try:
            time.sleep(STEADY_SECONDS)
            for fault in faults:
                began = time.monotonic()
                fault.begin()
                if fault.database_away:
                    status, seconds = timed_ready(server)
                    assert status == 503, f"/health/ready answered {status}: {fault.name}"
                    readiness[fault.name] = seconds
                time.sleep(max(0.0, began + fault.hold - time.monotonic()))
                fault.end()
                back = time.monotonic()
                recoveries[fault.name] = recovery_time(server, fault, headers, back)
                time.sleep(max(0.0, back + RECOVERY_LIMIT + STEADY_SECONDS - time.monotonic()))
                windows.append((fault, began, back, time.monotonic()))
        finally:
            load.stop()
    log = server.log_path.read_text(encoding="utf-8", errors="replace")
    outcomes = load.outcomes
    statuses = Counter(outcome.status for outcome in outcomes)
    writes = [outcome for outcome in outcomes if outcome.write]
    acknowledged = {outcome.title for outcome in writes if outcome.status == 201}
    refused = {outcome.title for outcome in writes if outcome.status == 503}
    with psycopg.connect(database_url) as connection:
        stored = {title for (title,) in connection.execute("SELECT title FROM posts")}

    print(f"\nfaults under load, {CLIENTS} clients, {time.monotonic() - started:.0f} s in all")
    print(f"  requests: {len(outcomes)}, {len(writes)} of them writes")
    print(f"  statuses: {dict(sorted(statuses.items()))}")
    for fault, began, back, _ in windows:
        during = Counter(outcome.status for outcome in load.between(began, back + RECOVERY_LIMIT))
        line = f"  {fault.name}: recovered {recoveries[fault.name]:.2f} s after its return"
        if fault.name in readiness:
            line += f", /health/ready 503 in {readiness[fault.name]:.2f} s"
        print(f"{line}; statuses meanwhile {dict(sorted(during.items()))}")
    print(f"  writes acknowledged (201): {len(acknowledged)}, stored: {len(acknowledged & stored)}")
    print(f"  writes refused (503): {len(refused)}, stored: {len(refused & stored)}")
    retried, given_up = log.count("; retrying in "), log.count("; giving up")
    print(f"  background jobs retried: {retried} times, given up: {given_up}")

    unexpected = {
        status: count for status, count in statuses.items() if status not in {200, 201, 503}
    }
    assert not unexpected, f"statuses other than 2xx and 503: {unexpected}\n{server.log()}"
    malformed = [outcome.problem for outcome in outcomes if outcome.problem]
    assert not malformed, f"503s that are not problem+json with Retry-After: {malformed[:5]}"
    closed = [outcome for outcome in outcomes if outcome.closed]
    assert not closed, f"{len(closed)} requests lost or closed their keep-alive connection"
    assert "Exception in ASGI application" not in log, server.log()
    slow = {name: seconds for name, seconds in recoveries.items() if seconds > RECOVERY_LIMIT}
    assert not slow, f"recovered later than {RECOVERY_LIMIT} s after the service's return: {slow}"
    slow_ready = {name: seconds for name, seconds in readiness.items() if seconds > READY_LIMIT}
    assert not slow_ready, f"/health/ready took longer than {READY_LIMIT} s: {slow_ready}"
    for fault, _, back, next_began in windows:
        after = Counter(
            outcome.status for outcome in load.between(back + RECOVERY_LIMIT, next_began)
        )
        assert set(after) <= {200, 201}, f"after '{fault.name}' and its recovery: {dict(after)}"
    # Redis is optional: from its first fault on (the database's are over), every request succeeds.
    redis_began = min(began for fault, began, _, _ in windows if fault.name.startswith("Redis"))
    redis_faults = Counter(load.outcomes_since(redis_began))
    assert set(redis_faults) <= {200, 201}, f"Redis is optional, yet: {dict(redis_faults)}"
    assert acknowledged <= stored, f"acknowledged writes missing: {sorted(acknowledged - stored)}"
    assert not refused & stored, f"writes answered 503 yet stored: {sorted(refused & stored)}"
    assert statuses[201] > 0 and statuses[503] > 0, statuses
