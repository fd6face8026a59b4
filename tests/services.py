"""The external services the service tier talks to, and which combinations need each of them.

Each service is found at its standard port on 127.0.0.1 unless its environment variable names
another URL. Adding a service is one line in SERVICES.
"""

from __future__ import annotations

import functools
import os
import shutil
import socket
import subprocess
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest
from psycopg import sql

from tests.matrix import Combo
from tests.project import free_port


@dataclass(frozen=True)
class Service:
    name: str
    env_var: str
    default_url: str
    needed_by: Callable[[Combo], bool]

    @property
    def url(self) -> str:
        return os.environ.get(self.env_var) or self.default_url

    def reachable(self) -> bool:
        return _tcp_reachable(self.url)


SERVICES = {
    service.name: service
    for service in (
        Service(
            "postgresql",
            "POSTGRES_URL",
            "postgresql://postgres@127.0.0.1:5432/postgres",
            lambda combo: combo.get("database") == "postgresql",
        ),
        Service(
            "redis",
            "REDIS_URL",
            "redis://127.0.0.1:6379/0",
            lambda combo: combo.get("use_redis") is True or combo.get("celery_broker") == "redis",
        ),
        Service(
            "rabbitmq",
            "RABBITMQ_URL",
            "amqp://guest:guest@127.0.0.1:5672//",
            lambda combo: combo.get("celery_broker") == "rabbitmq",
        ),
    )
}


# Run with the project's own Python (which has redis-py): delete every key matching a pattern.
REDIS_CLEANUP = """
import sys
from redis import Redis

url, pattern = sys.argv[1:]
client = Redis.from_url(url)
keys = list(client.scan_iter(match=pattern))
if keys:
    client.delete(*keys)
"""


# Run with the project's own Python (which has Celery's kombu): delete a queue from a broker,
# and the exchange Celery names after it. (Kombu's Redis transport also keeps bindings in keys
# named after the queue: see cleanup_commands.)
BROKER_CLEANUP = """
import sys
from kombu import Connection

url, queue = sys.argv[1:]
with Connection(url) as connection:
    connection.default_channel.queue_delete(queue)
    connection.default_channel.exchange_delete(queue)
"""


def cleanup_commands(url: str, queue: str) -> list[tuple[str, ...]]:
    """The commands (for the project's Python) that remove a test's queue from a broker."""
    commands: list[tuple[str, ...]] = [("python", "-c", BROKER_CLEANUP, url, queue)]
    if url.startswith("redis"):
        commands.append(("python", "-c", REDIS_CLEANUP, url, f"*{queue}*"))
    return commands


def unreachable_url(scheme: str) -> str:
    """A URL of a service where nothing listens (a port just found free on 127.0.0.1)."""
    return f"{scheme}://127.0.0.1:{free_port()}/0"


def broker_scheme(combo: Combo) -> str:
    return "redis" if combo.get("celery_broker") == "redis" else "amqp"


def broker_of(combo: Combo) -> str | None:
    """The name of the service that is the combination's Celery broker, if it has Celery."""
    if combo.get("use_celery") is not True:
        return None
    return str(combo["celery_broker"])


def services_needed(combo: Combo) -> list[str]:
    return [name for name, service in SERVICES.items() if service.needed_by(combo)]


@functools.cache
def _tcp_reachable(url: str) -> bool:
    parts = urlsplit(url)
    if parts.hostname is None or parts.port is None:
        raise ValueError(f"service URL {url!r} needs an explicit host and port")
    try:
        with socket.create_connection((parts.hostname, parts.port), timeout=3):
            return True
    except OSError:
        return False


def require_service(request: pytest.FixtureRequest, name: str) -> str:
    """The service's URL; when it is unreachable, skip the test loudly (fail it when
    REQUIRE_SERVICES=1) and tag the report for the end-of-session summary."""
    service = SERVICES[name]
    if not service.reachable():
        missing(request, name, f"{name} at {service.url} (set {service.env_var} to change it)")
    return service.url


def require_program(request: pytest.FixtureRequest, service: str, program: str) -> str:
    """The path of a service's server program that a test runs itself (to stop and start it);
    when it is not installed, skip loudly (fail when REQUIRE_SERVICES=1)."""
    path = shutil.which(program)
    if path is None:
        missing(request, service, f"{service}: the program {program} is not on PATH")
    return str(path)


def require_debian_program(program: str, package: str) -> str:
    """The path of a program that the tests run and .ci/run installs from Debian's `package`;
    when it is not installed, skip loudly (fail when REQUIRE_SERVICES=1)."""
    path = shutil.which(program)
    if path is None:
        message = f"PROGRAM MISSING: {program} is not on PATH (`apt-get install {package}`)"
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(f"{message}; REQUIRE_SERVICES=1 makes this a failure", pytrace=False)
        pytest.skip(message)
    return path


def missing(request: pytest.FixtureRequest, name: str, what: str) -> None:
    request.node.user_properties.append(("missing_service", name))
    message = f"SERVICE UNREACHABLE: {what}"
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(f"{message}; REQUIRE_SERVICES=1 makes this a failure", pytrace=False)
    pytest.skip(message)


class RedisServer:
    """A redis-server of the test's own on 127.0.0.1, keeping nothing on disk, that the test can
    stop and start again on the same port."""

    START_TIMEOUT = 10.0

    def __init__(self, program: str, port: int, log_dir: Path) -> None:
        self.program = program
        self.port = port
        self.log_path = log_dir / f"redis-{port}.log"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        command = [self.program, "--bind", "127.0.0.1", "--port", str(self.port)]
        command += ["--save", "", "--appendonly", "no", "--logfile", str(self.log_path)]
        self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + self.START_TIMEOUT
        while not self._answers_ping():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail(f"redis-server on port {self.port} did not start: {self.log_path}")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None

    def _answers_ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as connection:
                connection.sendall(b"PING\r\n")
                return connection.recv(16).startswith(b"+PONG")
        except OSError:
            return False


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
