from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from ..core.pagination import PageParams
from ..core.schemas import BodySchema, NoNul, ORMSchema, PatchSchema, ReferenceId, Stripped
from ..tags.schemas import TagName, TagRead
{% if cookiecutter.api_versioning %}
from ..versioning.cursors import CursorParams
{% endif %}

Title = Annotated[str, StringConstraints(max_length=200), Stripped()]
Body = Annotated[str, StringConstraints(min_length=1, max_length=100_000), NoNul]
SearchText = Annotated[str, StringConstraints(min_length=1, max_length=200), NoNul]
TagNames = Annotated[list[TagName], Field(max_length=20)]


class PostCreate(BodySchema):
    title: Title
    body: Body
    published: bool = False
{% if not cookiecutter.use_auth %}
    author_id: ReferenceId
{% endif %}
    tags: TagNames = Field(default=[])


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


class PostFilters(BaseModel):
    """The filters of the post list, in every API version."""

    author_id: ReferenceId | None = None
    tag: TagName | None = None
    published: bool | None = None
    q: SearchText | None = Field(
        default=None, description="Text to find in the title or body (case-insensitive)."
    )


class PostPageQuery(PageParams, PostFilters):
    pass
{% if cookiecutter.api_versioning %}


class PostCursorQuery(CursorParams, PostFilters):
    pass
{% endif %}
