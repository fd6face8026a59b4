"""Every model, imported in one place so Alembic and the tests see the whole schema."""

from {{ cookiecutter.package_name }}.core.models import Base
from {{ cookiecutter.package_name }}.posts.models import Post, post_tags
from {{ cookiecutter.package_name }}.tags.models import Tag
from {{ cookiecutter.package_name }}.users.models import User

__all__ = ["Base", "Post", "Tag", "User", "post_tags"]
