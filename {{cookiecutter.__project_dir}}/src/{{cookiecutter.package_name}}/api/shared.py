"""The routers every API version serves alike; each version includes them under its prefix."""

from fastapi import APIRouter

{% if cookiecutter.use_auth %}
from ..auth.router import router as auth_router
{% endif %}
{% if cookiecutter.use_celery %}
from ..jobs.router import router as jobs_router
{% endif %}
from ..posts.router import router as posts_router
from ..stats.router import router as stats_router
from ..tags.router import router as tags_router
from ..users.router import router as users_router

router = APIRouter()
{% if cookiecutter.use_auth %}
router.include_router(auth_router)
{% endif %}
router.include_router(users_router)
router.include_router(posts_router)
router.include_router(tags_router)
router.include_router(stats_router)
{% if cookiecutter.use_celery %}
router.include_router(jobs_router)
{% endif %}
