from typing import Annotated

from fastapi import Depends

from ..core.db import SessionDep
from .repository import TagRepository
from .service import TagService


async def get_tag_service(session: SessionDep) -> TagService:
    return TagService(TagRepository(session))


TagServiceDep = Annotated[TagService, Depends(get_tag_service)]
