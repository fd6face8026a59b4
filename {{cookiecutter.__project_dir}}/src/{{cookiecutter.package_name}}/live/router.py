"""`WS <api>/posts/live`: committed post changes, as they happen, for as long as the client
stays.

The connection starts when the handshake is accepted (filters that are not valid refuse it: the
server closes with 1008 before accepting, which HTTP servers send as a 403). Then each change the
client may see arrives as one JSON text message (live/messages.py). Who a client reads as, and
what it may send, is in live/clients.py.

Close codes: 1003 for a binary message, 1007 for a text message that is not a JSON object of a
known type, 1008 for a token that is not valid, 1013 when the process has its maximum of
connections or the client does not read its messages fast enough, 1001 when the application
shuts down.
"""

from contextlib import suppress

import anyio
from fastapi import WebSocket, WebSocketDisconnect
from pydantic import BaseModel, ValidationError

from ..core.resources import resources_of
from ..core.schemas import ReferenceId
from ..tags.schemas import TagName
from .clients import LiveClients
from .hub import Close, Filters, LiveHub, Subscriber

BINARY = Close(1003, "Binary messages are not accepted.")
# A close reason is at most 123 bytes long.
MAX_REASON_BYTES = 123


class LiveQuery(BaseModel):
    tag: TagName | None = None
    author_id: ReferenceId | None = None


def short(reason: str) -> str:
    return reason.encode()[:MAX_REASON_BYTES].decode(errors="ignore")


def invalid_query(error: ValidationError) -> str:
    first = error.errors(include_url=False)[0]
    name = ".".join(str(part) for part in first["loc"])
    return short(f"Invalid query parameter {name}: {first['msg']}")


async def posts_live(websocket: WebSocket) -> None:
    resources = resources_of(websocket.app)
    hub = resources.get(LiveHub)
    try:
        query = LiveQuery.model_validate(dict(websocket.query_params))
    except ValidationError as error:
        # Before the handshake is accepted: the server refuses it (403).
        await websocket.close(1008, invalid_query(error))
        return
    clients = LiveClients(resources)
    # Subscribed before the handshake is accepted: a client that is connected hears every change
    # from then on.
    subscriber, subprotocol = await clients.subscribe(
        websocket, hub, Filters(query.tag, query.author_id)
    )
    if isinstance(subscriber, Close):
        # Accepted first, so that the client learns why it is closed.
        await websocket.accept(subprotocol)
        await close(websocket, subscriber)
        return
    try:
        await websocket.accept(subprotocol)
        async with anyio.create_task_group() as tasks:
            subscriber.serve_in(tasks.cancel_scope)
            tasks.start_soon(send_messages, websocket, hub, subscriber)
            tasks.start_soon(read_messages, websocket, hub, subscriber, clients)
            tasks.start_soon(clients.watch, subscriber)
        if subscriber.closing is not None:
            await close(websocket, subscriber.closing)
    finally:
        hub.unsubscribe(subscriber)


async def close(websocket: WebSocket, why: Close) -> None:
    # The client may be gone already.
    with suppress(WebSocketDisconnect, OSError, RuntimeError):
        await websocket.close(why.code, why.reason)


async def send_messages(websocket: WebSocket, hub: LiveHub, subscriber: Subscriber) -> None:
    """Send the subscriber's messages as they come, until the connection ends."""
    async for text in subscriber.messages():
        try:
            await websocket.send_text(text)
        except (WebSocketDisconnect, OSError):
            subscriber.end(None)
            return
        hub.messages_sent += 1


async def read_messages(
    websocket: WebSocket, hub: LiveHub, subscriber: Subscriber, clients: LiveClients
) -> None:
    """Take the client's messages until it leaves or sends one that ends the connection."""
    while True:
        message = await websocket.receive()
        if message["type"] == "websocket.disconnect":
            subscriber.end(None)
            return
        text = message.get("text")
        closing = BINARY if text is None else await clients.take(text, hub, subscriber)
        if closing is not None:
            subscriber.end(closing)
            return
