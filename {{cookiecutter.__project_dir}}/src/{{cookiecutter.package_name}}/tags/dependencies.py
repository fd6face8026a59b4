from typing import Annotated

from fastapi import Depends

from ..core.effects import UnitOfWorkDep
from .service import TagService


async def get_tag_service(work: UnitOfWorkDep) -> TagService:
    return TagService.of(work)


TagServiceDep = Annotated[TagService, Depends(get_tag_service)]
