from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, StringConstraints

from {{ cookiecutter.package_name }}.core.schemas import ORMSchema, PatchSchema, SafeStr

# Tags are matched by name, so names are stored trimmed and in lowercase.
TagName = Annotated[
    SafeStr,
    StringConstraints(strip_whitespace=True, to_lower=True, min_length=1, max_length=50),
]


class TagCreate(BaseModel):
    name: TagName


class TagUpdate(PatchSchema):
    name: TagName | None = None


class TagRead(ORMSchema):
    id: int
    name: str
    created_at: datetime
