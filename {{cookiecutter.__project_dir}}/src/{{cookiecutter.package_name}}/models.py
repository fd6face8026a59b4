"""Every model, imported in one place so Alembic and the tests see the whole schema."""

{% if cookiecutter.use_auth %}
from .auth.models import RefreshToken
{% endif %}
from .core.models import Base
{% if cookiecutter.use_celery %}
from .jobs.models import Job
{% endif %}
from .posts.models import Post, post_tags
from .tags.models import Tag
from .users.models import User

__all__ = [
    "Base",
{% if cookiecutter.use_celery %}
    "Job",
{% endif %}
    "Post",
{% if cookiecutter.use_auth %}
    "RefreshToken",
{% endif %}
    "Tag",
    "User",
    "post_tags",
]
