"""The routers every API version serves alike; each version includes them under its prefix."""

from fastapi import APIRouter

{% if cookiecutter.use_auth %}
from ..auth.router import router as auth_router
{% endif %}
{% if cookiecutter.use_celery %}
from ..jobs.router import router as jobs_router
{% endif %}
from ..posts.router import router as posts_router
{% if cookiecutter.use_celery %}
from ..stats.rebuild import router as stats_rebuild_router
{% endif %}
from ..stats.router import router as stats_router
from ..tags.router import router as tags_router
from ..users.router import router as users_router

SHARED_ROUTERS: list[APIRouter] = [
{% if cookiecutter.use_auth %}
    auth_router,
{% endif %}
    users_router,
    posts_router,
    tags_router,
    stats_router,
{% if cookiecutter.use_celery %}
    stats_rebuild_router,
    jobs_router,
{% endif %}
]
