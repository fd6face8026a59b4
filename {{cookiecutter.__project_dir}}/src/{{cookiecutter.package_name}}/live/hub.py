"""This process's live subscribers, and how a change reaches each of them.

Everything here runs on the event loop. A change comes in through `deliver` (on the loop) or
`deliver_threadsafe` (from any thread: the after-commit actions of sync sessions run in the
threadpool); each subscriber that may see it gets the message in its bounded queue, and a
subscriber whose queue is full is dropped (1013) instead of slowing the others down.
"""

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from typing import Protocol

import anyio
from anyio.abc import TaskStatus

from ..posts.access import Reader
from .messages import PostChange

logger = logging.getLogger(__name__)

# How long the shutdown waits for the live connections to close.
SHUTDOWN_TIMEOUT_SECONDS = 5.0


@dataclass(frozen=True)
class Close:
    """Why the server closes a connection: a WebSocket close code and reason."""

    code: int
    reason: str


GOING_AWAY = Close(1001, "The server is shutting down.")
TOO_SLOW = Close(1013, "Too slow: the client did not keep up with the feed.")
TOO_MANY = Close(1013, "Too many live connections; try again later.")


@dataclass(frozen=True)
class Filters:
    """What a client asked to hear of (the query parameters it connected with)."""

    tag: str | None = None
    author_id: int | None = None

    def match(self, change: PostChange) -> bool:
        if self.author_id is not None and change.author_id != self.author_id:
            return False
        # A deleted post's tags are not known: clients drop ids they never saw.
        return self.tag is None or change.event == "deleted" or self.tag in change.tags


class Subscriber:
    """One live connection: who it reads as, its filters and its queue of messages to send."""

    def __init__(self, reader: Reader, filters: Filters, queue_size: int) -> None:
        self.reader = reader
        self.filters = filters
        # When what the reader may see ends (a Unix time: its token's expiry), if it does.
        self.expires_at: float | None = None
        self._sending, self._queue = anyio.create_memory_object_stream[str](queue_size)
        # Set once the connection must end: how the server closes it, or None when the client
        # has gone and nothing is left to close.
        self.closing: Close | None = None
        self.ended = False
        self._scope: anyio.CancelScope | None = None

    def wants(self, change: PostChange) -> bool:
        return self.filters.match(change) and self.reader.can_see(
            change.published, change.author_id
        )

    def offer(self, text: str) -> bool:
        """Queue a message to send; False when the queue is full."""
        if self.ended:
            return True
        try:
            self._sending.send_nowait(text)
        except anyio.WouldBlock:
            return False
        return True

    def messages(self) -> AsyncIterator[str]:
        return self._queue

    def serve_in(self, scope: anyio.CancelScope) -> None:
        """The scope of the tasks that serve the connection: `end` cancels it."""
        self._scope = scope
        if self.ended:
            scope.cancel()

    def end(self, close: Close | None) -> None:
        """End the connection (the first reason given wins); what is still queued is dropped."""
        if self.ended:
            return
        self.ended = True
        self.closing = close
        if self._scope is not None:
            self._scope.cancel()

    def release(self) -> None:
        self._sending.close()
        self._queue.close()


class Listener(Protocol):
    """What hears the changes of the other processes, and hands each to `deliver`."""

    async def __call__(
        self,
        deliver: Callable[[PostChange], None],
        *,
        task_status: TaskStatus[None] = anyio.TASK_STATUS_IGNORED,
    ) -> None: ...


class LiveHub:
    """The live connections of this process. The counters are for monitoring: `connections`
    open now, `messages_sent` in all, `slow_clients_dropped` for not keeping up and
    `connections_refused` over the maximum."""

    def __init__(
        self, queue_size: int, max_connections: int, listener: Listener | None = None
    ) -> None:
        self.queue_size = queue_size
        self.max_connections = max_connections
        self.messages_sent = 0
        self.slow_clients_dropped = 0
        self.connections_refused = 0
        self.listener = listener
        self._subscribers: set[Subscriber] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._idle: anyio.Event | None = None

    @property
    def connections(self) -> int:
        return len(self._subscribers)

    @property
    def running(self) -> bool:
        return self._loop is not None

    def subscribe(self, reader: Reader, filters: Filters) -> Subscriber | None:
        """A new subscriber, or None when the process has as many as it may."""
        if self.connections >= self.max_connections:
            self.connections_refused += 1
            return None
        subscriber = Subscriber(reader, filters, self.queue_size)
        self._subscribers.add(subscriber)
        return subscriber

    def admit(self, reader: Reader, filters: Filters) -> Subscriber | Close:
        """A new subscriber, or why there is none: the process is shutting down, or has as many
        as it may."""
        if not self.running:
            return GOING_AWAY
        return self.subscribe(reader, filters) or TOO_MANY

    def unsubscribe(self, subscriber: Subscriber) -> None:
        self._subscribers.discard(subscriber)
        subscriber.release()
        if not self._subscribers and self._idle is not None:
            self._idle.set()

    def deliver(self, change: PostChange) -> None:
        """Queue the change for every subscriber that may see it (on the event loop)."""
        for subscriber in self._subscribers:
            if subscriber.wants(change):
                self.send(subscriber, change.text)

    def send(self, subscriber: Subscriber, text: str) -> None:
        """Queue a message for one subscriber, which is dropped if its queue is full."""
        if not subscriber.offer(text):
            self.slow_clients_dropped += 1
            subscriber.end(TOO_SLOW)

    def deliver_threadsafe(self, change: PostChange) -> None:
        """`deliver` from any thread. Dropped where no hub runs (a job worker, a command): that
        process has no live connections."""
        loop = self._loop
        if loop is None:
            return
        # RuntimeError: the loop closed in the meantime; the application is gone, its clients too.
        with suppress(RuntimeError):
            loop.call_soon_threadsafe(self.deliver, change)

    @asynccontextmanager
    async def lifespan(self) -> AsyncIterator[None]:
        """The application's lifespan: the hub takes changes while it lasts, and at its end
        every live connection is closed with 1001."""
        async with anyio.create_task_group() as tasks:
            if self.listener is not None:
                # Started once it has subscribed, or failed to (it then retries on its own).
                await tasks.start(self.listener, self.deliver)
            self._loop = asyncio.get_running_loop()
            try:
                yield
            finally:
                self._loop = None
                await self.close_all()
                tasks.cancel_scope.cancel()

    async def close_all(self) -> None:
        self._idle = anyio.Event()
        for subscriber in list(self._subscribers):
            subscriber.end(GOING_AWAY)
        if self._subscribers:
            with anyio.move_on_after(SHUTDOWN_TIMEOUT_SECONDS):
                await self._idle.wait()
        self._idle = None
