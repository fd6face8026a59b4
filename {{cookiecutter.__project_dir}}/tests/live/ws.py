"""A WebSocket client for the tests: it drives the application over ASGI in the test's own event
loop. (Starlette's TestClient runs the application in a thread and event loop of its own, where
the test's database connection cannot follow.)"""

import json
from collections.abc import AsyncIterator, MutableMapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import anyio
from anyio.abc import TaskGroup
from fastapi import FastAPI

# How long a test waits for what the application sends.
TIMEOUT_SECONDS = 5.0

Message = MutableMapping[str, Any]


@dataclass(frozen=True)
class Closed:
    code: int
    reason: str


class WebSocketClient:
    def __init__(self, app: FastAPI, url: str, subprotocols: Sequence[str]) -> None:
        path, _, query = url.partition("?")
        self.scope: dict[str, Any] = {
            "type": "websocket",
            "asgi": {"version": "3.0", "spec_version": "2.4"},
            "http_version": "1.1",
            "scheme": "ws",
            "server": ("test", 80),
            "client": ("127.0.0.1", 50000),
            "root_path": "",
            "path": path,
            "raw_path": path.encode(),
            "query_string": query.encode(),
            "headers": [(b"host", b"test")],
            "subprotocols": list(subprotocols),
            "state": {},
        }
        self.app = app
        self._to_app_writer, self._to_app = anyio.create_memory_object_stream[Message](100)
        self._from_app_writer, self._from_app = anyio.create_memory_object_stream[Message](100)
        self._reading = anyio.Event()
        self._reading.set()
        self._app_done = anyio.Event()
        # The subprotocol the server accepted with.
        self.subprotocol: str | None = None
        # How the server closed the handshake without accepting it (None: it accepted).
        self.refused: Closed | None = None

    async def _run_app(self) -> None:
        try:
            await self.app(self.scope, self._to_app.receive, self._send)
        finally:
            self._app_done.set()

    async def _send(self, message: Message) -> None:
        if message["type"] == "websocket.send":
            # Paused: the server's send waits, as it would for a client that reads slowly.
            await self._reading.wait()
        await self._from_app_writer.send(message)

    async def open(self, tasks: TaskGroup) -> None:
        tasks.start_soon(self._run_app)
        await self._to_app_writer.send({"type": "websocket.connect"})
        first = await self._next()
        if first["type"] == "websocket.close":
            self.refused = Closed(first.get("code", 1000), first.get("reason") or "")
        else:
            assert first["type"] == "websocket.accept", first
            self.subprotocol = first.get("subprotocol")

    async def _next(self) -> Message:
        with anyio.fail_after(TIMEOUT_SECONDS):
            return await self._from_app.receive()

    async def receive_json(self) -> dict[str, Any]:
        message = await self._next()
        assert message["type"] == "websocket.send", f"expected a message, got {message}"
        received: dict[str, Any] = json.loads(message["text"])
        return received

    async def closed(self) -> Closed:
        """How the server closed the connection; it must send nothing else first."""
        message = await self._next()
        assert message["type"] == "websocket.close", f"expected a close, got {message}"
        return Closed(message.get("code", 1000), message.get("reason") or "")

    async def send_text(self, text: str) -> None:
        await self._to_app_writer.send({"type": "websocket.receive", "text": text})

    async def send_json(self, data: object) -> None:
        await self.send_text(json.dumps(data))

    async def send_bytes(self, data: bytes) -> None:
        await self._to_app_writer.send({"type": "websocket.receive", "bytes": data})

    def pause(self) -> None:
        """Stop reading: the server's sends wait until `resume`."""
        self._reading = anyio.Event()

    def resume(self) -> None:
        self._reading.set()

    async def leave(self) -> None:
        """Disconnect (if the server has not closed first) and wait for the application."""
        self.resume()
        if not self._app_done.is_set():
            await self._to_app_writer.send({"type": "websocket.disconnect", "code": 1000})
        with anyio.fail_after(TIMEOUT_SECONDS):
            await self._app_done.wait()
        for stream in (self._to_app_writer, self._to_app, self._from_app_writer, self._from_app):
            await stream.aclose()


async def open_websocket(
    tasks: TaskGroup, app: FastAPI, url: str, subprotocols: Sequence[str] = ()
) -> WebSocketClient:
    """A connection whose application runs in `tasks`; `leave` ends it."""
    client = WebSocketClient(app, url, subprotocols)
    await client.open(tasks)
    return client


@asynccontextmanager
async def connect(
    app: FastAPI, url: str, subprotocols: Sequence[str] = ()
) -> AsyncIterator[WebSocketClient]:
    async with anyio.create_task_group() as tasks:
        client = await open_websocket(tasks, app, url, subprotocols)
        try:
            yield client
        finally:
            await client.leave()
