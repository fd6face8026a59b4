"""Version 2 of the HTTP API: the keyset (cursor) paginated post list, and the routers every
version shares. A version adds a router only where its HTTP contract differs."""

from fastapi import APIRouter, FastAPI

from ..core.routing import API_V2_PREFIX, include_routers
from ..posts.router_v2 import list_router as posts_list_router
from .shared import SHARED_ROUTERS

ROUTERS: list[APIRouter] = [posts_list_router, *SHARED_ROUTERS]


def include_routes(app: FastAPI) -> None:
    """Serve version 2 under its prefix."""
    include_routers(app, ROUTERS, API_V2_PREFIX)
