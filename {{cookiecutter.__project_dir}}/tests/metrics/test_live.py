"""The live feed's metrics, read from its hub: connections, messages sent, clients dropped."""

from collections.abc import Iterator

import pytest
from httpx import AsyncClient
from prometheus_client import CollectorRegistry

from {{ cookiecutter.package_name }}.live.hub import Filters, LiveHub
from {{ cookiecutter.package_name }}.metrics.live import LiveCollector, LiveGauges
from {{ cookiecutter.package_name }}.posts.access import ANYONE
from tests.metrics.scrape import scrape

pytestmark = pytest.mark.anyio


@pytest.fixture
def busy_hub() -> Iterator[LiveHub]:
    """A hub with two clients connected, one refused over the maximum, one dropped for being
    slow, and two messages sent."""
    hub = LiveHub(queue_size=1, max_connections=2)
    slow = hub.subscribe(ANYONE, Filters())
    assert slow is not None
    hub.send(slow, "one")
    hub.send(slow, "two")  # its queue holds one message: dropped
    hub.unsubscribe(slow)
    connected = [hub.subscribe(ANYONE, Filters()) for _ in range(2)]
    assert hub.subscribe(ANYONE, Filters()) is None
    hub.messages_sent = 2  # counted by the connections as they send (live/router.py)
    yield hub
    for subscriber in connected:
        assert subscriber is not None
        hub.unsubscribe(subscriber)


def values(registry: CollectorRegistry) -> dict[str, float | None]:
    return {
        "connections": registry.get_sample_value("live_connections"),
        "sent": registry.get_sample_value("live_messages_sent_total"),
        "slow": registry.get_sample_value("live_clients_dropped_total", {"reason": "slow"}),
        "refused": registry.get_sample_value("live_clients_dropped_total", {"reason": "refused"}),
    }


def test_the_hub_is_read_at_each_collection(busy_hub: LiveHub) -> None:
    hub = busy_hub
    registry = CollectorRegistry()
    registry.register(LiveCollector(hub))

    assert values(registry) == {"connections": 2, "sent": 2, "slow": 1, "refused": 1}
    hub.messages_sent += 3
    assert values(registry)["sent"] == 5


def test_each_refresh_adds_what_the_hub_counted_since_the_last(busy_hub: LiveHub) -> None:
    # What every process writes to the shared files in multiprocess mode.
    hub = busy_hub
    registry = CollectorRegistry()
    gauges = LiveGauges(registry, hub)

    gauges.refresh()
    first = values(registry)
    hub.messages_sent += 3
    gauges.refresh()
    gauges.refresh()

    assert first == {"connections": 2, "sent": 2, "slow": 1, "refused": 1}
    assert values(registry) == {"connections": 2, "sent": 5, "slow": 1, "refused": 1}


async def test_the_live_feed_is_scraped(client: AsyncClient) -> None:
    metrics = await scrape(client)

    assert metrics.value("live_connections") == 0
    assert metrics.value("live_messages_sent_total") == 0
    assert metrics.labels_of("live_clients_dropped_total") == [
        {"reason": "slow"},
        {"reason": "refused"},
    ]
