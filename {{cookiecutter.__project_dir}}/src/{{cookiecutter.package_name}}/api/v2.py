"""Version 2 of the HTTP API: the keyset (cursor) paginated post list, and the routers every
version shares. A version adds a router only where its HTTP contract differs."""

from fastapi import APIRouter

from ..core.routing import API_V2_PREFIX
from ..posts.router import cursor_list_router as posts_list_router
from .shared import SHARED_ROUTERS

router = APIRouter(prefix=API_V2_PREFIX)
router.include_router(posts_list_router)
for shared_router in SHARED_ROUTERS:
    router.include_router(shared_router)
