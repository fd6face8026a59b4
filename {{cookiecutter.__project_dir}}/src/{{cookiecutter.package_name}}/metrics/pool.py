"""The database pool: connections in use and the pool's size, read from the engine's pool."""

from collections.abc import Callable, Iterable

from prometheus_client import CollectorRegistry, Gauge
from prometheus_client.metrics_core import GaugeMetricFamily, Metric
from sqlalchemy.pool import Pool, QueuePool

IN_USE = ("db_pool_connections_in_use", "Database connections checked out of the pool.")
SIZE = ("db_pool_size", "Database connections the pool keeps open (DATABASE_POOL_SIZE).")

PoolSource = Callable[[], Pool | None]


def pool_state(pool: Pool | None) -> tuple[int, int] | None:
    """(connections in use, pool size); None before the database is opened, or for a pool that
    keeps no count (SQLite in memory and NullPool have none to report)."""
    if not isinstance(pool, QueuePool):
        return None
    return pool.checkedout(), pool.size()


class PoolCollector:
    """Reads the pool at every scrape (one process)."""

    def __init__(self, pool: PoolSource) -> None:
        self.pool = pool

    def describe(self) -> Iterable[Metric]:
        # The names, so that the registry refuses another metric of the same name.
        return [GaugeMetricFamily(*IN_USE), GaugeMetricFamily(*SIZE)]

    def collect(self) -> Iterable[Metric]:
        state = pool_state(self.pool())
        if state is None:
            return []
        in_use, size = state
        return [GaugeMetricFamily(*IN_USE, value=in_use), GaugeMetricFamily(*SIZE, value=size)]


class PoolGauges:
    """The pool's state as gauges that each process writes to the shared files (multiprocess
    mode, where a scrape reaches one process only); summed over the live processes."""

    def __init__(self, registry: CollectorRegistry, pool: PoolSource) -> None:
        self.pool = pool
        self.in_use = Gauge(*IN_USE, registry=registry, multiprocess_mode="livesum")
        self.size = Gauge(*SIZE, registry=registry, multiprocess_mode="livesum")

    def refresh(self) -> None:
        state = pool_state(self.pool())
        if state is not None:
            self.in_use.set(state[0])
            self.size.set(state[1])
