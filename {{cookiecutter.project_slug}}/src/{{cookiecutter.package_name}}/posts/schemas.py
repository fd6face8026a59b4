from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from {{ cookiecutter.package_name }}.core.pagination import PageParams
from {{ cookiecutter.package_name }}.core.schemas import ORMSchema, PatchSchema, ReferenceId, SafeStr
from {{ cookiecutter.package_name }}.tags.schemas import TagName, TagRead

Title = Annotated[SafeStr, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Body = Annotated[SafeStr, StringConstraints(min_length=1, max_length=100_000)]
TagNames = Annotated[list[TagName], Field(max_length=20)]


class PostCreate(BaseModel):
    title: Title
    body: Body
    published: bool = False
    author_id: ReferenceId
    tags: TagNames = []


class PostUpdate(PatchSchema):
    title: Title | None = None
    body: Body | None = None
    published: bool | None = None
    tags: TagNames | None = None


class PostRead(ORMSchema):
    id: int
    title: str
    body: str
    published: bool
    author_id: int
    tags: list[TagRead]
    word_count: int | None = Field(description="Words in the body; null until computed.")
    reading_time: int | None = Field(description="Minutes to read the body; null until computed.")
    created_at: datetime
    updated_at: datetime


class PostFilters(PageParams):
    author_id: ReferenceId | None = None
    tag: TagName | None = None
    published: bool | None = None
    q: Annotated[SafeStr, StringConstraints(min_length=1, max_length=200)] | None = Field(
        default=None, description="Text to find in the title or body (case-insensitive)."
    )
