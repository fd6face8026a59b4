from typing import Annotated

from fastapi import Depends

from {{ cookiecutter.package_name }}.core.db import SessionDep
from {{ cookiecutter.package_name }}.posts.repository import PostRepository
from {{ cookiecutter.package_name }}.users.repository import UserRepository
from {{ cookiecutter.package_name }}.users.service import UserService


async def get_user_service(session: SessionDep) -> UserService:
    return UserService(UserRepository(session), PostRepository(session))


UserServiceDep = Annotated[UserService, Depends(get_user_service)]
