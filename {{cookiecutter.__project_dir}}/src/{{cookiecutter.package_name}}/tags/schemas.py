from datetime import datetime
from typing import Annotated

from pydantic import StringConstraints

from ..core.schemas import BodySchema, ORMSchema, PatchSchema, Stripped

# Tags are matched by name, so names are stored trimmed and in lowercase.
TagName = Annotated[str, StringConstraints(max_length=50), Stripped(lower=True)]


class TagCreate(BodySchema):
    name: TagName


class TagUpdate(PatchSchema):
    name: TagName | None = None


class TagRead(ORMSchema):
    id: int
    name: str
    created_at: datetime
