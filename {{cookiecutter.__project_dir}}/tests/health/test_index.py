from importlib.metadata import version

import pytest
from httpx import ASGITransport, AsyncClient

from {{ cookiecutter.package_name }}.core.config import Settings
from {{ cookiecutter.package_name }}.main import create_app

pytestmark = pytest.mark.anyio


async def test_the_index_names_the_service_and_links_its_parts(
    client: AsyncClient, settings: Settings
) -> None:
    response = await client.get("/")

    assert response.status_code == 200
    index = response.json()
    assert (index["name"], index["version"]) == (
        settings.app_name,
        version("{{ cookiecutter.project_slug }}"),
    )
    assert (index["docs"], index["openapi"]) == ("/docs", "/openapi.json")
    assert index["health"] == {"live": "/health/live", "ready": "/health/ready"}
{% if cookiecutter.api_versioning %}
    assert index["apis"] == {"v2": "/api/v2", "v1": "/api/v1"}
{% else %}
    assert index["apis"] == {"api": "/api"}
{% endif %}
    # Every link leads somewhere.
    for link in (index["docs"], index["openapi"], *index["health"].values()):
        assert (await client.get(link)).status_code == 200, link
    for prefix in index["apis"].values():
        assert (await client.get(f"{prefix}/tags")).status_code == 200, prefix


async def test_the_index_does_not_link_docs_that_are_off(settings: Settings) -> None:
    app = create_app(settings.model_copy(update={"api_docs_enabled": False}))
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client:
        index = (await client.get("/")).json()

    assert (index["docs"], index["openapi"]) == (None, None)
