from typing import Annotated

from fastapi import Depends

from ..core.effects import UnitOfWorkDep
from .service import UserService


async def get_user_service(work: UnitOfWorkDep) -> UserService:
    return UserService.of(work)


UserServiceDep = Annotated[UserService, Depends(get_user_service)]
