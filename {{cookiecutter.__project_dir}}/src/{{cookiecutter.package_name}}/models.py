"""Every model, imported in one place so Alembic and the tests see the whole schema."""

{% if cookiecutter.use_auth %}
from .auth.models import RefreshToken
{% endif %}
from .core.models import Base
from .posts.models import Post, post_tags
from .tags.models import Tag
from .users.models import User

{% if cookiecutter.use_auth %}
__all__ = ["Base", "Post", "RefreshToken", "Tag", "User", "post_tags"]
{% else %}
__all__ = ["Base", "Post", "Tag", "User", "post_tags"]
{% endif %}
