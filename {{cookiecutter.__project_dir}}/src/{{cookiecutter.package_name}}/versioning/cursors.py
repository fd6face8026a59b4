"""Keyset (cursor) pagination: `limit` and an opaque `cursor` in, `{items, next_cursor}` out.

Pages are ordered newest first on (created_at, id), and a cursor is the key of the last item a
page returned, so rows inserted during a walk never shift it: every row that existed when the
walk started is returned exactly once. The cursor also fingerprints the filters it was issued
for, and it is signed with SECRET_KEY: a client can hand it back, not forge or alter it.
"""

import hashlib
import json
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Annotated, Any, Generic, TypedDict, TypeVar

from fastapi import Depends, Request
from itsdangerous import BadData, URLSafeSerializer
from pydantic import BaseModel, Field

from ..core.exceptions import UnprocessableContentError
from ..core.resources import resource_of

ItemT = TypeVar("ItemT")

# The sort key of an item: (created_at, id), both descending.
Position = tuple[datetime, int]


class CursorParams(BaseModel):
    limit: int = Field(default=20, ge=1, le=100, description="How many items to return.")
    cursor: str | None = Field(
        default=None,
        min_length=1,
        max_length=300,
        # The shape of what Cursors.page issues: itsdangerous's payload, a dot and a signature
        # (HMAC-SHA1, 27 characters), so that the schema does not call valid what is refused.
        pattern=r"^\.?[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{27}$",
        description="`next_cursor` of the previous page, with the same filters; omit it for the"
        " first page.",
    )


class CursorPage(BaseModel, Generic[ItemT]):
    """The response schema of a cursor-paginated list: `next_cursor` is null on the last page."""

    items: list[ItemT]  # not a Sequence, for the reason given at core.pagination.Page
    next_cursor: str | None


class CursorPaginated(TypedDict, Generic[ItemT]):
    """What services return for a page of ORM objects; routers declare `CursorPage[...]`."""

    items: Sequence[ItemT]
    next_cursor: str | None


class InvalidCursorError(UnprocessableContentError):
    def __init__(self) -> None:
        super().__init__(
            "The cursor is invalid: pass `next_cursor` from the previous page unchanged, with the"
            " same filters, or omit it to start from the first page."
        )


class Cursors:
    """Issues and reads the signed cursors of every cursor-paginated list."""

    def __init__(self, secret_key: str) -> None:
        self.serializer = URLSafeSerializer(secret_key, salt="cursor-pagination")

    def position(self, params: CursorParams) -> Position | None:
        """Where the page starts: after the position the cursor holds, or at the top."""
        if params.cursor is None:
            return None
        try:
            created_at, item_id, fingerprint = self.serializer.loads(params.cursor)
            moment = datetime.fromisoformat(created_at)
        except (BadData, ValueError, TypeError) as error:
            raise InvalidCursorError() from error
        # Signed by this service, so well-formed unless SECRET_KEY leaked; checked all the same.
        if type(item_id) is not int or moment.tzinfo is None or fingerprint != filters_of(params):
            raise InvalidCursorError()
        return moment, item_id

    def page(
        self,
        rows: Sequence[ItemT],
        params: CursorParams,
        position_of: Callable[[ItemT], Position],
    ) -> CursorPaginated[ItemT]:
        """A page from up to `limit + 1` rows: the extra row only tells that another page exists."""
        items = rows[: params.limit]
        next_cursor = None
        if len(rows) > params.limit:
            created_at, item_id = position_of(items[-1])
            payload = [created_at.isoformat(), item_id, filters_of(params)]
            next_cursor = self.serializer.dumps(payload)
        return {"items": items, "next_cursor": next_cursor}


def filters_of(params: CursorParams) -> str:
    """A short fingerprint of the filters, so a cursor is not reused with others."""
    filters: dict[str, Any] = params.model_dump(mode="json", exclude={"limit", "cursor"})
    encoded = json.dumps(filters, sort_keys=True, separators=(",", ":")).encode()
    return hashlib.sha256(encoded).hexdigest()[:16]


async def get_cursors(request: Request) -> Cursors:
    return resource_of(request, Cursors)


CursorsDep = Annotated[Cursors, Depends(get_cursors)]
