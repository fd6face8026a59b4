from typing import Annotated

from fastapi import Depends

from ..core.effects import UnitOfWorkDep
from .service import PostService


async def get_post_service(work: UnitOfWorkDep) -> PostService:
    return PostService.of(work)


PostServiceDep = Annotated[PostService, Depends(get_post_service)]
