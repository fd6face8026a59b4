"""The live feed (live/hub.py): its connections, the messages sent and the clients closed with
1013, read from the hub's own counts."""

from collections.abc import Iterable

from prometheus_client import CollectorRegistry, Counter, Gauge
from prometheus_client.metrics_core import CounterMetricFamily, GaugeMetricFamily, Metric

from ..live.hub import LiveHub

CONNECTIONS = ("live_connections", "Live feed WebSocket connections open now.")
MESSAGES = ("live_messages_sent_total", "Messages sent to live feed clients.")
DROPPED = (
    "live_clients_dropped_total",
    "Live feed clients closed with 1013: `slow` did not keep up, `refused` came over the maximum.",
)


def drops_of(hub: LiveHub) -> dict[str, int]:
    return {"slow": hub.slow_clients_dropped, "refused": hub.connections_refused}


class LiveCollector:
    """Reads the hub at every scrape (one process)."""

    def __init__(self, hub: LiveHub) -> None:
        self.hub = hub

    def describe(self) -> Iterable[Metric]:
        # The names, so that the registry refuses another metric of the same name.
        return [
            GaugeMetricFamily(*CONNECTIONS),
            CounterMetricFamily(*MESSAGES),
            CounterMetricFamily(*DROPPED, labels=["reason"]),
        ]

    def collect(self) -> Iterable[Metric]:
        dropped = CounterMetricFamily(*DROPPED, labels=["reason"])
        for reason, count in drops_of(self.hub).items():
            dropped.add_metric([reason], count)
        return [
            GaugeMetricFamily(*CONNECTIONS, value=self.hub.connections),
            CounterMetricFamily(*MESSAGES, value=self.hub.messages_sent),
            dropped,
        ]


class LiveGauges:
    """The hub's counts as metrics that each process writes to the shared files (multiprocess
    mode): the connections summed over the live processes, the counters over all of them."""

    def __init__(self, registry: CollectorRegistry, hub: LiveHub) -> None:
        self.hub = hub
        self.connections = Gauge(*CONNECTIONS, registry=registry, multiprocess_mode="livesum")
        self.messages = Counter(*MESSAGES, registry=registry)
        self.dropped = Counter(*DROPPED, ["reason"], registry=registry)
        # What the counters have counted so far: each refresh adds what the hub counted since.
        self._messages = 0
        self._drops = dict.fromkeys(drops_of(hub), 0)

    def refresh(self) -> None:
        self.connections.set(self.hub.connections)
        self.messages.inc(self.hub.messages_sent - self._messages)
        self._messages = self.hub.messages_sent
        for reason, count in drops_of(self.hub).items():
            self.dropped.labels(reason).inc(count - self._drops[reason])
            self._drops[reason] = count
