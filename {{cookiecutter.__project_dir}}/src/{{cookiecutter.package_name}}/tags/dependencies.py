from typing import Annotated

from fastapi import Depends, params

{% if cookiecutter.use_auth %}
from ..auth.dependencies import ADMINS_ONLY, SIGNED_IN
{% endif %}
from ..core.effects import UnitOfWorkDep
from .service import TagService


async def get_tag_service(work: UnitOfWorkDep) -> TagService:
    return TagService.of(work)


TagServiceDep = Annotated[TagService, Depends(get_tag_service)]

{% if cookiecutter.use_auth %}
# Reading is public; any signed-in user may add a tag, but renaming or deleting one changes
# other users' posts: that is for admins.
CREATORS: list[params.Depends] = SIGNED_IN
EDITORS: list[params.Depends] = ADMINS_ONLY
{% else %}
# Reading is public, and so is writing, in a service without authentication.
CREATORS: list[params.Depends] = []
EDITORS: list[params.Depends] = []
{% endif %}
