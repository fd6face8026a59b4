"""Offset pagination: `limit` and `offset` in, `{items, total, limit, offset}` out."""

from collections.abc import Sequence
from typing import Annotated, Any, Generic, TypedDict, TypeVar

from fastapi import Query
from pydantic import BaseModel, Field
from sqlalchemy import Select, func, select

ItemT = TypeVar("ItemT")
SelectT = TypeVar("SelectT", bound=Select[*tuple[Any, ...]])


class PageParams(BaseModel):
    limit: int = Field(default=20, ge=1, le=100, description="How many items to return.")
    offset: int = Field(default=0, ge=0, le=1_000_000_000, description="How many items to skip.")


PageQuery = Annotated[PageParams, Query()]


class Page(BaseModel, Generic[ItemT]):
    """The response schema of every list endpoint."""

    # A list, not a Sequence: pydantic checks and serialises lists in its compiled core, and any
    # other Sequence in Python, item by item.
    items: list[ItemT]
    total: int
    limit: int
    offset: int


class Paginated(TypedDict, Generic[ItemT]):
    """What services return for a page of ORM objects; routers declare `Page[...]` to render it."""

    items: Sequence[ItemT]
    total: int
    limit: int
    offset: int


def paginated(items: Sequence[ItemT], total: int, params: PageParams) -> Paginated[ItemT]:
    return {"items": items, "total": total, "limit": params.limit, "offset": params.offset}


def count_of(statement: Select[*tuple[Any, ...]]) -> Select[int]:
    """The number of rows `statement` would return, ignoring its order and window."""
    return select(func.count()).select_from(statement.order_by(None).subquery())


def window_of(statement: SelectT, params: PageParams) -> SelectT:
    return statement.limit(params.limit).offset(params.offset)
