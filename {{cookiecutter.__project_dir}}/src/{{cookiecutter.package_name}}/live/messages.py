"""What the live feed sends: one JSON text message per committed post change."""

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ValidationError

from ..core.models import utc_now
from ..posts.events import PostDeleted
from ..posts.models import Post
from ..posts.schemas import PostRead

ChangeKind = Literal["created", "updated", "deleted"]


class DeletedPost(BaseModel):
    """What a deleted post's message tells of it: enough to drop it and to decide who hears."""

    id: int
    author_id: int
    published: bool


class LiveMessage(BaseModel):
    event: ChangeKind
    post: PostRead | DeletedPost
    at: datetime


class _Tag(BaseModel):
    name: str


class _Post(BaseModel):
    author_id: int
    published: bool
    tags: list[_Tag] = []


class _Envelope(BaseModel):
    """The fields of a message that decide who gets it (the rest passes through as text)."""

    event: ChangeKind
    post: _Post


@dataclass(frozen=True)
class PostChange:
    """A message as sent (`text`), and what the hub filters it by."""

    event: ChangeKind
    author_id: int
    published: bool
    tags: frozenset[str]
    text: str

    @classmethod
    def saved(cls, event: Literal["created", "updated"], post: Post) -> "PostChange":
        """A post as it is now, in the transaction that changed it."""
        message = LiveMessage(event=event, post=PostRead.model_validate(post), at=utc_now())
        tags = frozenset(tag.name for tag in post.tags)
        return cls(event, post.author_id, post.published, tags, message.model_dump_json())

    @classmethod
    def deleted(cls, event: PostDeleted) -> "PostChange":
        post = DeletedPost(id=event.post_id, author_id=event.author_id, published=event.published)
        message = LiveMessage(event="deleted", post=post, at=utc_now())
        return cls(
            "deleted", event.author_id, event.published, frozenset(), message.model_dump_json()
        )

    @classmethod
    def parse(cls, text: str) -> "PostChange | None":
        """A message another process published, or None if it is not one."""
        try:
            envelope = _Envelope.model_validate_json(text)
        except ValidationError:
            return None
        post = envelope.post
        tags = frozenset(tag.name for tag in post.tags)
        return cls(envelope.event, post.author_id, post.published, tags, text)
