"""The external services the service tier talks to, and which combinations need each of them.

Each service is found at its standard port on 127.0.0.1 unless its environment variable names
another URL. Adding a service is one line in SERVICES.
"""

from __future__ import annotations

import functools
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest

from tests.matrix import Combo


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
    if service.reachable():
        return service.url
    request.node.user_properties.append(("missing_service", name))
    message = f"SERVICE UNREACHABLE: {name} at {service.url} (set {service.env_var} to change it)"
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(f"{message}; REQUIRE_SERVICES=1 makes this a failure", pytrace=False)
    pytest.skip(message)
