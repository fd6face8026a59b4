"""Every model, imported in one place so Alembic and the tests see the whole schema."""

from .core.models import Base
from .posts.models import Post, post_tags
from .tags.models import Tag
from .users.models import User

__all__ = ["Base", "Post", "Tag", "User", "post_tags"]
