from typing import Annotated

{% if cookiecutter.use_auth %}
from fastapi import Depends, Response

from ..auth.dependencies import CurrentUser, OptionalUser
from ..core.effects import UnitOfWorkDep
from ..core.openapi import Responses, error_responses
from .access import Editor, Reader, reader_of
from .exceptions import NotPostAuthorError
{% else %}
from fastapi import Depends

from ..core.effects import UnitOfWorkDep
from ..core.openapi import Responses
from .access import ANYONE, Editor, Reader
{% endif %}
from .service import PostService


async def get_post_service(work: UnitOfWorkDep) -> PostService:
    return PostService.of(work)


PostServiceDep = Annotated[PostService, Depends(get_post_service)]


{% if cookiecutter.use_auth %}
async def get_reader(user: OptionalUser, response: Response) -> Reader:
    # Whether a draft is found depends on who asks: no cache may answer one reader for another.
    response.headers["Vary"] = "Authorization"
    return reader_of(user)


async def get_editor(user: CurrentUser) -> Editor:
    return Editor(user)


# What a write may answer besides what every route may: someone else's post is refused.
EDITOR_ERRORS: Responses = error_responses(NotPostAuthorError)
{% else %}
async def get_reader() -> Reader:
    return ANYONE


async def get_editor() -> Editor:
    return Editor()


# Nobody is refused a write: the service has no authentication.
EDITOR_ERRORS: Responses = {}
{% endif %}

ReaderDep = Annotated[Reader, Depends(get_reader)]
EditorDep = Annotated[Editor, Depends(get_editor)]
