"""Where the metrics live and how a scrape reads them: in this process's memory, or with several
worker processes (uvicorn --workers) in files that every process writes and any of them reads.

prometheus-client picks its storage when it is imported, from the environment variable
PROMETHEUS_MULTIPROC_DIR (an empty folder, emptied again before each start). It is read from the
process's environment, never from .env: the library reads it before the settings exist.
"""

import logging
import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import anyio
import anyio.to_thread
from prometheus_client import (
    GC_COLLECTOR,
    PLATFORM_COLLECTOR,
    PROCESS_COLLECTOR,
    CollectorRegistry,
    start_http_server,
)
from prometheus_client.multiprocess import MultiProcessCollector, mark_process_dead

MULTIPROCESS_DIR_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"
# In multiprocess mode, how often each process writes what it reads of itself (the pool, the live
# feed) for the scrapes.
REFRESH_SECONDS = 5.0

logger = logging.getLogger(__name__)


def multiprocess_dir() -> str | None:
    return os.environ.get(MULTIPROCESS_DIR_VARIABLE) or None


def exposition_registry(own: CollectorRegistry) -> CollectorRegistry:
    """What a scrape reads: this process's registry, with its process, platform and garbage
    collector metrics; or in multiprocess mode the files of every process."""
    if multiprocess_dir() is None:
        for collector in (PROCESS_COLLECTOR, PLATFORM_COLLECTOR, GC_COLLECTOR):
            own.register(collector)
        return own
    shared = CollectorRegistry()
    # prometheus-client's multiprocess module has no type annotations.
    MultiProcessCollector(shared)  # type: ignore[no-untyped-call]
    return shared


@asynccontextmanager
async def live_process() -> AsyncIterator[None]:
    """In multiprocess mode: when this process stops, drop its live gauges (requests in flight,
    the pool) from the files; its counters stay, as the totals include what it served."""
    try:
        yield
    finally:
        folder = multiprocess_dir()
        if folder is not None:
            mark_process_dead(os.getpid(), folder)  # type: ignore[no-untyped-call]


@asynccontextmanager
async def refreshed(refresh: Callable[[], None]) -> AsyncIterator[None]:
    """Call `refresh` every REFRESH_SECONDS while the application runs (multiprocess mode)."""

    async def refresh_forever() -> None:
        while True:
            refresh()
            await anyio.sleep(REFRESH_SECONDS)

    async with anyio.create_task_group() as tasks:
        tasks.start_soon(refresh_forever)
        try:
            yield
        finally:
            tasks.cancel_scope.cancel()


@asynccontextmanager
async def served_on_port(
    registry: CollectorRegistry, address: str, port: int
) -> AsyncIterator[None]:
    """Serve the metrics on a port of their own, from a thread, while the application runs."""
    try:
        server, thread = start_http_server(port, address, registry)
    except OSError as error:
        if multiprocess_dir() is None:
            raise
        # Another worker of this server holds the port and serves every worker's metrics.
        logger.info("metrics port %d is taken (%s): another worker serves it", port, error)
        yield
        return
    try:
        yield
    finally:
        # shutdown() waits for the server's loop to notice: not on the event loop.
        await anyio.to_thread.run_sync(server.shutdown)
        server.server_close()
        thread.join()
