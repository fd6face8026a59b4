"""CPU time per request of an ASGI app called in process: no server, no load generator.

For comparing two versions of a change while tuning: a sequential loop of requests is far
steadier on a shared machine than throughput under load, and it shows what a request costs the
process itself. Run it with the Python of the project whose app it loads, with that app's
settings in the environment, e.g. from a baked project:

    DATABASE_URL=postgresql://... ENVIRONMENT=production SECRET_KEY=... \\
        .venv/bin/python ../../bench/inprocess.py my_service.main:app /api/v2/posts/1

It runs the app's lifespan, a warm-up, then several batches of GET requests, and prints the
smallest and the median CPU milliseconds per request over the batches.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import os
import statistics
import sys
import time
from collections.abc import Sequence
from typing import Any

Message = dict[str, Any]
WARM_UP = 50


def load_app(reference: str) -> Any:
    """`package.module:attribute`, found from the working directory as uvicorn finds it."""
    sys.path.insert(0, os.getcwd())
    module, _, attribute = reference.partition(":")
    return getattr(importlib.import_module(module), attribute or "app")


async def get(app: Any, target: str) -> int:
    """One GET through the app; its status code."""
    path, _, query = target.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(b"host", b"bench")],
        "client": ("127.0.0.1", 50000),
        "server": ("bench", 80),
    }
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        sent.append(message)

    await app(scope, receive, send)
    status: int = sent[0]["status"]
    return status


async def cpu_ms_per_request(app: Any, target: str, requests: int, batches: int) -> list[float]:
    events: asyncio.Queue[Message] = asyncio.Queue()
    started = asyncio.Event()

    async def lifespan_send(message: Message) -> None:
        if message["type"] == "lifespan.startup.failed":
            raise SystemExit(f"the app did not start: {message.get('message')}")
        if message["type"] == "lifespan.startup.complete":
            started.set()

    await events.put({"type": "lifespan.startup"})
    scope = {"type": "lifespan", "asgi": {"version": "3.0"}, "state": {}}
    lifespan = asyncio.create_task(app(scope, events.get, lifespan_send))
    await started.wait()
    status = await get(app, target)
    if status >= 400:
        raise SystemExit(f"GET {target} answered {status}")
    for _ in range(WARM_UP):
        await get(app, target)
    results = []
    for _ in range(batches):
        started_at = time.process_time()
        for _ in range(requests):
            await get(app, target)
        results.append((time.process_time() - started_at) / requests * 1000)
    await events.put({"type": "lifespan.shutdown"})
    await lifespan
    return results


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("app", help="the ASGI app, as package.module:attribute")
    parser.add_argument("path", help="the path (and query) to GET, e.g. /api/v2/posts/1")
    parser.add_argument("--requests", type=int, default=300, help="requests per batch")
    parser.add_argument("--batches", type=int, default=7)
    options = parser.parse_args(argv)
    app = load_app(options.app)
    measured = cpu_ms_per_request(app, options.path, options.requests, options.batches)
    try:
        import uvloop  # the loop uvicorn runs the app on, where it is installed
    except ImportError:
        results = asyncio.run(measured)
    else:
        results = uvloop.run(measured)
    print(
        f"GET {options.path}: {min(results):.3f} ms CPU per request at best,"
        f" {statistics.median(results):.3f} median, over {options.batches} batches"
        f" of {options.requests}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
