"""What services say happened to posts; features react to it after the commit (core/effects.py)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class PostCreated:
    post_id: int


@dataclass(frozen=True)
class PostUpdated:
    """The post's details changed (its fields, tags or stats)."""

    post_id: int


@dataclass(frozen=True)
class PostDeleted:
    """The post is gone; what it was is kept for those who decide who may hear of it (the live
    feed shows a deleted draft only to those who could read it)."""

    post_id: int
    author_id: int
    published: bool


@dataclass(frozen=True)
class TaggedPostsChanged:
    """Every post that carries the tag changed: the tag was renamed or deleted."""

    tag_id: int
