"""The routes: the index at /, /health, and every domain's routers under
{{ "each API version's prefix" if cookiecutter.api_versioning else "the API prefix" }}."""

from ..core.app import AppBuilder
from ..core.health import migration_heads_read
from ..health.router import router as health_router
from . import {{ "v1, v2" if cookiecutter.api_versioning else "v1" }}
from .index import router as index_router


def install_api(builder: AppBuilder) -> None:
    builder.app.include_router(index_router)
    builder.app.include_router(health_router)
    builder.add_lifespan(migration_heads_read)
{% if cookiecutter.api_versioning %}
    v2.include_routes(builder.app)
{% endif %}
    v1.include_routes(builder.app)
