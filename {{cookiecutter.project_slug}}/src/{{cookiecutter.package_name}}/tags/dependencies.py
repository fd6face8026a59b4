from typing import Annotated

from fastapi import Depends

from {{ cookiecutter.package_name }}.core.db import SessionDep
from {{ cookiecutter.package_name }}.tags.repository import TagRepository
from {{ cookiecutter.package_name }}.tags.service import TagService


async def get_tag_service(session: SessionDep) -> TagService:
    return TagService(TagRepository(session))


TagServiceDep = Annotated[TagService, Depends(get_tag_service)]
