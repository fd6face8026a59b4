from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, StringConstraints

from ..core.schemas import NoNul, ORMSchema, PatchSchema

# Tags are matched by name, so names are stored trimmed and in lowercase.
TagName = Annotated[
    str,
    StringConstraints(strip_whitespace=True, to_lower=True, min_length=1, max_length=50),
    NoNul,
]


class TagCreate(BaseModel):
    name: TagName


class TagUpdate(PatchSchema):
    name: TagName | None = None


class TagRead(ORMSchema):
    id: int
    name: str
    created_at: datetime
