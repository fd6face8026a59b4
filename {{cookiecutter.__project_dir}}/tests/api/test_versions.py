"""Two API versions from one service layer. v1 responses point at their v2 successor and, once
the dates are set, say since when v1 is deprecated and when it goes away."""

from datetime import date
from typing import Any

import pytest
from httpx import AsyncClient, Response
from pydantic import ValidationError

from {{ cookiecutter.package_name }}.core.config import Settings
from tests.factories import (
    API,
    API_V1,
{% if cookiecutter.use_auth %}
    PASSWORD,
{% endif %}
    assert_problem,
{% if cookiecutter.use_auth %}
    bearer,
{% endif %}
    create_post,
    create_user,
    post_payload,
)

pytestmark = pytest.mark.anyio

DEPRECATION_HEADERS = ("deprecation", "sunset", "link")

# The dates, and the headers that say them: Deprecation is RFC 9745's `@` and Unix seconds,
# Sunset RFC 8594's HTTP date, both at midnight UTC.
DEPRECATED_ON, DEPRECATION = date(2030, 1, 1), "@1893456000"
SUNSET_ON, SUNSET = date(2030, 12, 31), "Tue, 31 Dec 2030 00:00:00 GMT"

# app_settings (see conftest.py) -> the dated headers every v1 response carries with them.
DATED = {
    "no-dates": ({}, {}),
    "deprecation-only": ({"api_v1_deprecated_on": DEPRECATED_ON}, {"deprecation": DEPRECATION}),
    "both-dates": (
        {"api_v1_deprecated_on": DEPRECATED_ON, "api_v1_sunset_on": SUNSET_ON},
        {"deprecation": DEPRECATION, "sunset": SUNSET},
    ),
}
with_dates = pytest.mark.parametrize(
    ("app_settings", "dated_headers"), DATED.values(), ids=DATED.keys(), indirect=["app_settings"]
)


@pytest.fixture
async def author(client: AsyncClient) -> dict[str, Any]:
    return await create_user(client)


def assert_deprecated(
    response: Response, dated_headers: dict[str, str], successor: str | None
) -> None:
    """Exactly the dated headers expected, and the successor's Link where there is one."""
    dated = {name: response.headers.get(name) for name in ("deprecation", "sunset")}
    assert dated == {"deprecation": None, "sunset": None, **dated_headers}
    if successor is None:
        assert "link" not in response.headers
    else:
        assert response.headers["link"] == f'<{successor}>; rel="successor-version"'


@with_dates
async def test_v1_responses_are_marked_deprecated_with_their_successor(
    client: AsyncClient, author: dict[str, Any], dated_headers: dict[str, str]
) -> None:
    post = await create_post(client, author)

    read = await client.get(f"{API_V1}/posts/{post['id']}")
    listed = await client.get(f"{API_V1}/posts", params={"limit": 1})

    assert read.json() == (await client.get(f"{API}/posts/{post['id']}")).json()
    assert_deprecated(read, dated_headers, f"{API}/posts/{post['id']}")
    assert_deprecated(listed, dated_headers, f"{API}/posts")


@with_dates
async def test_v1_errors_are_marked_deprecated_too(
    client: AsyncClient, dated_headers: dict[str, str]
) -> None:
    missing = await client.get(f"{API_V1}/posts/4242")
    invalid = await client.get(f"{API_V1}/posts", params={"limit": 0})
    unknown = await client.get(f"{API_V1}/no-such-endpoint")

    assert_problem(missing, 404)
    assert_deprecated(missing, dated_headers, f"{API}/posts/4242")
    assert_problem(invalid, 422)
    assert_deprecated(invalid, dated_headers, f"{API}/posts")
    # No v2 path matches: no successor to point at.
    assert_problem(unknown, 404)
    assert_deprecated(unknown, dated_headers, None)


@pytest.mark.parametrize("app_settings", [DATED["both-dates"][0]], indirect=True)
async def test_v2_and_unversioned_responses_carry_no_deprecation(
    client: AsyncClient, author: dict[str, Any]
) -> None:
    post = await create_post(client, author)
    responses = [
        await client.get(f"{API}/posts/{post['id']}"),
        await client.get(f"{API}/posts/4242"),
        await client.get("/health/live"),
    ]

    for response in responses:
        assert not set(DEPRECATION_HEADERS) & set(response.headers), response.headers


@pytest.mark.parametrize("version", [API_V1, API])
async def test_both_versions_serve_the_same_data_and_link_within_their_version(
    client: AsyncClient, author: dict[str, Any], version: str
) -> None:
    created = await client.post(
        f"{version}/posts",
        json=post_payload(author, tags=["shared"], published=True),
        headers=author["headers"],
    )

    assert created.status_code == 201, created.text
    post = created.json()
    assert created.headers["location"] == f"http://test{version}/posts/{post['id']}"
    read = [(await client.get(f"{other}/posts/{post['id']}")).json() for other in (API_V1, API)]
    assert read[0] == read[1]
    assert (read[0]["id"], read[0]["title"]) == (post["id"], post["title"])
    for other in (API_V1, API):
        tags = (await client.get(f"{other}/tags")).json()
        assert [tag["name"] for tag in tags["items"]] == ["shared"]
{% if cookiecutter.use_auth %}


@pytest.mark.parametrize(("log_in_at", "use_at"), [(API_V1, API), (API, API_V1)])
async def test_auth_works_under_both_prefixes(
    client: AsyncClient, author: dict[str, Any], log_in_at: str, use_at: str
) -> None:
    tokens = await client.post(
        f"{log_in_at}/auth/token",
        data={"username": author["email"], "password": PASSWORD},
    )
    assert tokens.status_code == 200, tokens.text

    me = await client.get(f"{use_at}/users/me", headers=bearer(tokens.json()["access_token"]))

    assert me.status_code == 200, me.text
    assert me.json()["id"] == author["id"]
{% endif %}


async def test_openapi_groups_operations_by_version(client: AsyncClient) -> None:
    schema = (await client.get("/openapi.json")).json()

    v1_list = schema["paths"][f"{API_V1}/posts"]["get"]
    v2_list = schema["paths"][f"{API}/posts"]["get"]
    assert (v1_list["tags"], v1_list["deprecated"]) == (["v1 posts"], True)
    assert (v2_list["tags"], v2_list.get("deprecated", False)) == (["v2 posts"], False)
    page_schema = v2_list["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    page_properties = schema["components"]["schemas"][page_schema.rsplit("/", 1)[1]]["properties"]
    assert set(page_properties) == {"items", "next_cursor"}
    v2_paths = {path.removeprefix(API) for path in schema["paths"] if path.startswith(f"{API}/")}
    v1_paths = {path.removeprefix(API_V1) for path in schema["paths"] if path.startswith(API_V1)}
    assert v2_paths == v1_paths
    # /docs lists every v2 group, then the same groups of v1, then the unversioned ones.
    tag_names = [tag["name"] for tag in schema["tags"]]
    v2_tags = [name for name in tag_names if name.startswith("v2 ")]
    v1_tags = [name for name in tag_names if name.startswith("v1 ")]
    assert tag_names == [*v2_tags, *v1_tags, "index", "health"]
    assert [name[3:] for name in v1_tags] == [name[3:] for name in v2_tags]
    assert (await client.get("/docs")).status_code == 200


def test_a_sunset_before_the_deprecation_is_refused() -> None:
    with pytest.raises(ValidationError, match="API_V1_SUNSET_ON must not be before"):
        Settings(
            _env_file=None,
            api_v1_deprecated_on=date(2030, 1, 2),
            api_v1_sunset_on=date(2030, 1, 1),
        )


def test_the_dates_are_read_from_the_environment_and_empty_means_unset(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("API_V1_DEPRECATED_ON", "")
    monkeypatch.setenv("API_V1_SUNSET_ON", "2030-12-31")

    settings = Settings(_env_file=None)

    assert (settings.api_v1_deprecated_on, settings.api_v1_sunset_on) == (None, SUNSET_ON)
