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
    post_id: int


@dataclass(frozen=True)
class TaggedPostsChanged:
    """Every post that carries the tag changed: the tag was renamed or deleted."""

    tag_id: int
