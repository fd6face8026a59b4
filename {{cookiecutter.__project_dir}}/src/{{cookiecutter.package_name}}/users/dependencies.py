from typing import Annotated

from fastapi import Depends

from ..core.db import SessionDep
from ..posts.repository import PostRepository
from .repository import UserRepository
from .service import UserService


async def get_user_service(session: SessionDep) -> UserService:
    return UserService(UserRepository(session), PostRepository(session))


UserServiceDep = Annotated[UserService, Depends(get_user_service)]
