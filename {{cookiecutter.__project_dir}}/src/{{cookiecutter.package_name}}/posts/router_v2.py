"""The post endpoints that API v2 serves differently from v1: the list, by cursor."""

from typing import Annotated

from fastapi import APIRouter, Query

from ..versioning.cursors import CursorPage, CursorPaginated, CursorsDep
from .dependencies import PostServiceDep, ReaderDep
from .models import Post
from .schemas import PostCursorQuery, PostRead

list_router = APIRouter(prefix="/posts", tags=["posts"])


@list_router.get("", response_model=CursorPage[PostRead])
{{ cookiecutter.__async }}def list_posts_by_cursor(
    query: Annotated[PostCursorQuery, Query()],
    reader: ReaderDep,
    service: PostServiceDep,
    cursors: CursorsDep,
) -> CursorPaginated[Post]:
    """Newest first; pass each page's `next_cursor` back to get the next one."""
    return {{ cookiecutter.__await }}service.list_by_cursor(query, reader, cursors)
