import pytest
from httpx import AsyncClient

from tests.factories import API, assert_problem, create_post, create_user

pytestmark = pytest.mark.anyio


async def test_create_user_returns_201_with_location(client: AsyncClient) -> None:
    response = await client.post(
        f"{API}/users", json={"email": "Ada@Example.COM", "full_name": "  Ada Lovelace "}
    )

    assert response.status_code == 201
    user = response.json()
    assert user["email"] == "ada@example.com"
    assert user["full_name"] == "Ada Lovelace"
    assert user["is_active"] is True
    assert response.headers["location"] == f"http://test{API}/users/{user['id']}"
    fetched = await client.get(response.headers["location"])
    assert fetched.json() == user


async def test_duplicate_email_is_a_conflict(client: AsyncClient) -> None:
    await create_user(client, email="ada@example.com")

    response = await client.post(
        f"{API}/users", json={"email": "ADA@example.com", "full_name": "Someone Else"}
    )

    assert "already exists" in assert_problem(response, 409)["detail"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"email": "not-an-email", "full_name": "Ada"}, "email"),
        ({"email": "ada@example.com", "full_name": ""}, "full_name"),
        ({"email": "ada@example.com", "full_name": "x" * 201}, "full_name"),
        ({"email": "ada@example.com", "full_name": "Ada\x00"}, "full_name"),
        ({"full_name": "Ada"}, "email"),
    ],
)
async def test_invalid_user_is_422_with_field_errors(
    client: AsyncClient, payload: dict[str, str], field: str
) -> None:
    response = await client.post(f"{API}/users", json=payload)

    problem = assert_problem(response, 422)
    assert ["body", field] in [error["loc"] for error in problem["errors"]]


async def test_unknown_user_is_404(client: AsyncClient) -> None:
    response = await client.get(f"{API}/users/999")

    problem = assert_problem(response, 404)
    assert problem["instance"] == f"{API}/users/999"


@pytest.mark.parametrize("user_id", ["0", "abc", "2147483648"])
async def test_invalid_user_id_is_422(client: AsyncClient, user_id: str) -> None:
    response = await client.get(f"{API}/users/{user_id}")

    assert_problem(response, 422)


async def test_list_users_paginates(client: AsyncClient) -> None:
    for number in range(5):
        await create_user(client, email=f"user{number}@example.com")

    response = await client.get(f"{API}/users", params={"limit": 2, "offset": 1})

    assert response.status_code == 200
    page = response.json()
    assert (page["total"], page["limit"], page["offset"]) == (5, 2, 1)
    assert [user["email"] for user in page["items"]] == ["user1@example.com", "user2@example.com"]


async def test_list_users_defaults_to_20(client: AsyncClient) -> None:
    page = (await client.get(f"{API}/users")).json()

    assert (page["items"], page["total"], page["limit"], page["offset"]) == ([], 0, 20, 0)


@pytest.mark.parametrize(
    "params", [{"limit": 0}, {"limit": 101}, {"offset": -1}, {"limit": "many"}]
)
async def test_pagination_bounds_are_enforced(
    client: AsyncClient, params: dict[str, int | str]
) -> None:
    response = await client.get(f"{API}/users", params=params)

    problem = assert_problem(response, 422)
    assert problem["errors"][0]["loc"][0] == "query"


async def test_limit_100_is_allowed(client: AsyncClient) -> None:
    response = await client.get(f"{API}/users", params={"limit": 100})

    assert response.status_code == 200


async def test_patch_changes_only_given_fields(client: AsyncClient) -> None:
    user = await create_user(client)

    response = await client.patch(f"{API}/users/{user['id']}", json={"is_active": False})

    assert response.status_code == 200
    updated = response.json()
    assert updated["is_active"] is False
    assert updated["email"] == user["email"]
    assert updated["full_name"] == user["full_name"]


async def test_patch_with_null_is_422(client: AsyncClient) -> None:
    user = await create_user(client)

    response = await client.patch(f"{API}/users/{user['id']}", json={"full_name": None})

    problem = assert_problem(response, 422)
    assert problem["errors"][0]["loc"] == ["body", "full_name"]


async def test_patch_to_a_taken_email_is_a_conflict(client: AsyncClient) -> None:
    await create_user(client, email="ada@example.com")
    grace = await create_user(client, email="grace@example.com")

    response = await client.patch(f"{API}/users/{grace['id']}", json={"email": "ada@example.com"})

    assert_problem(response, 409)
    unchanged = await client.get(f"{API}/users/{grace['id']}")
    assert unchanged.json()["email"] == "grace@example.com"


async def test_delete_user(client: AsyncClient) -> None:
    user = await create_user(client)

    response = await client.delete(f"{API}/users/{user['id']}")

    assert response.status_code == 204
    assert response.content == b""
    assert_problem(await client.get(f"{API}/users/{user['id']}"), 404)
    assert_problem(await client.delete(f"{API}/users/{user['id']}"), 404)


async def test_delete_user_with_posts_is_a_conflict(client: AsyncClient) -> None:
    user = await create_user(client)
    await create_post(client, author_id=user["id"])

    response = await client.delete(f"{API}/users/{user['id']}")

    assert "still has posts" in assert_problem(response, 409)["detail"]
    assert (await client.get(f"{API}/users/{user['id']}")).status_code == 200
