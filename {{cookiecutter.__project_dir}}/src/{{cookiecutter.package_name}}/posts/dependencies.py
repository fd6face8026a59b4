from typing import Annotated

from fastapi import Depends

{% if cookiecutter.use_auth %}
from ..auth.dependencies import OptionalUser
{% endif %}
from ..core.effects import UnitOfWorkDep
from .service import PostService
{% if cookiecutter.use_auth %}
from .visibility import Reader, reader_of
{% else %}
from .visibility import ANYONE, Reader
{% endif %}


async def get_post_service(work: UnitOfWorkDep) -> PostService:
    return PostService.of(work)


PostServiceDep = Annotated[PostService, Depends(get_post_service)]


{% if cookiecutter.use_auth %}
async def get_reader(user: OptionalUser) -> Reader:
    return reader_of(user)
{% else %}
async def get_reader() -> Reader:
    return ANYONE
{% endif %}


ReaderDep = Annotated[Reader, Depends(get_reader)]
