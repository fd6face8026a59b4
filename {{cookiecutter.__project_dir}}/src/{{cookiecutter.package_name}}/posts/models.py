from sqlalchemy import Column, ForeignKey, Index, String, Table, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.models import Base, TimestampMixin
from ..tags.models import Tag

post_tags = Table(
    "post_tags",
    Base.metadata,
    Column("post_id", ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Post(TimestampMixin, Base):
    __tablename__ = "posts"
    # Lists are ordered newest first: this index serves that order and its tie-breaker.
    __table_args__ = (Index("ix_posts_created_at_id", "created_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    published: Mapped[bool] = mapped_column(default=False, server_default=false(), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    # Filled in after the write by the stats job; null until it has run.
    word_count: Mapped[int | None]
    reading_time: Mapped[int | None]

    # Loaded explicitly (joinedload) where needed; deleting a post leaves post_tags to the
    # database's ON DELETE CASCADE.
    tags: Mapped[list[Tag]] = relationship(
        secondary=post_tags, lazy="raise", passive_deletes=True, order_by=Tag.name
    )
