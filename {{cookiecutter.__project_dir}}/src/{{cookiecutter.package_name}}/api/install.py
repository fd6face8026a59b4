"""The routes: /health, and every domain's routers under {{ "each API version's prefix" if cookiecutter.api_versioning else "the API prefix" }}."""

from ..core.app import AppBuilder
from ..health.router import router as health_router
from . import {{ "v1, v2" if cookiecutter.api_versioning else "v1" }}


def install_api(builder: AppBuilder) -> None:
    builder.app.include_router(health_router)
{% if cookiecutter.api_versioning %}
    v2.include_routes(builder.app)
{% endif %}
    v1.include_routes(builder.app)
