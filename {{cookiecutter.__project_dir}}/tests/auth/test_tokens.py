from datetime import timedelta
from typing import Any

import jwt
import pytest
from httpx import AsyncClient

from {{ cookiecutter.package_name }}.core import security
from {{ cookiecutter.package_name }}.core.config import Settings
from tests.factories import API, PASSWORD, assert_problem, bearer, create_user, login

pytestmark = pytest.mark.anyio


async def test_register_returns_the_user_without_the_hash(client: AsyncClient) -> None:
    payload = {"email": "Ada@Example.com", "password": PASSWORD, "full_name": "Ada"}

    response = await client.post(f"{API}/auth/register", json=payload)

    assert response.status_code == 201
    user = response.json()
    assert user["email"] == "ada@example.com"
    assert user["role"] == "user"
    assert "password" not in response.text
    assert "hashed_password" not in user


async def test_register_twice_is_a_conflict(client: AsyncClient) -> None:
    await create_user(client, email="ada@example.com")
    payload = {"email": "ada@example.com", "password": PASSWORD, "full_name": "Ada"}

    assert_problem(await client.post(f"{API}/auth/register", json=payload), 409)


async def test_weak_password_is_422(client: AsyncClient) -> None:
    payload = {"email": "ada@example.com", "password": "short", "full_name": "Ada"}

    problem = assert_problem(await client.post(f"{API}/auth/register", json=payload), 422)

    assert problem["errors"][0]["loc"] == ["body", "password"]


async def test_login_returns_a_token_pair(client: AsyncClient) -> None:
    await create_user(client, email="ada@example.com")

    response = await login(client, "ADA@example.com")

    assert response.status_code == 200
    tokens = response.json()
    assert tokens["token_type"] == "bearer"
    assert tokens["expires_in"] == 15 * 60
    me = await client.get(f"{API}/users/me", headers=bearer(tokens["access_token"]))
    assert me.json()["email"] == "ada@example.com"


async def test_wrong_password_and_unknown_email_get_the_same_401(client: AsyncClient) -> None:
    await create_user(client, email="ada@example.com")

    wrong_password = await login(client, "ada@example.com", "not the password")
    unknown_email = await login(client, "nobody@example.com")

    wrong = assert_problem(wrong_password, 401)
    unknown = assert_problem(unknown_email, 401)
    assert wrong["detail"] == unknown["detail"]
    assert wrong_password.headers["www-authenticate"] == "Bearer"


async def test_inactive_user_cannot_log_in(client: AsyncClient, admin: dict[str, Any]) -> None:
    user = await create_user(client, email="ada@example.com")
    await client.patch(
        f"{API}/users/{user['id']}", json={"is_active": False}, headers=admin["headers"]
    )

    assert_problem(await login(client, "ada@example.com"), 401)
    assert_problem(await client.get(f"{API}/users/me", headers=user["headers"]), 401)


async def test_login_attempts_are_rate_limited(client: AsyncClient) -> None:
    await create_user(client, email="ada@example.com")
    for _ in range(4):  # create_user already logged in once
        assert (await login(client, "ada@example.com", "wrong password")).status_code == 401

    response = await login(client, "ada@example.com")

    assert_problem(response, 429)
    assert int(response.headers["retry-after"]) >= 1
    # Another email from the same client is counted apart.
    assert (await login(client, "someone@example.com")).status_code == 401


def forged(settings: Settings, **changes: Any) -> str:
    """An access token as the service would issue it, then altered."""
    secret = settings.secret_key.get_secret_value()
    token = security.issue_token("1", "login", "access", timedelta(minutes=5), secret).token
    claims = jwt.decode(token, secret, algorithms=[security.ALGORITHM])
    key = changes.pop("key", secret)
    algorithm = changes.pop("algorithm", security.ALGORITHM)
    return jwt.encode(claims | changes, key, algorithm=algorithm)


@pytest.mark.parametrize(
    "make_token",
    [
        pytest.param(lambda settings: "not-a-jwt", id="malformed"),
        pytest.param(lambda settings: forged(settings, exp=1), id="expired"),
        pytest.param(lambda settings: forged(settings, key="another-key-" * 4), id="other-key"),
        pytest.param(lambda settings: forged(settings, key=None, algorithm="none"), id="alg-none"),
        pytest.param(lambda settings: forged(settings, type="refresh"), id="refresh-as-access"),
        pytest.param(lambda settings: forged(settings)[:-4] + "AAAA", id="tampered"),
    ],
)
async def test_bad_access_tokens_are_401(
    client: AsyncClient, settings: Settings, make_token: Any
) -> None:
    await create_user(client)

    response = await client.post(
        f"{API}/tags", json={"name": "x"}, headers=bearer(make_token(settings))
    )

    assert_problem(response, 401)
    assert response.headers["www-authenticate"] == "Bearer"


async def test_writes_without_a_token_are_401(client: AsyncClient) -> None:
    for response in [
        await client.post(f"{API}/posts", json={"title": "t", "body": "b"}),
        await client.post(f"{API}/tags", json={"name": "x"}),
        await client.patch(f"{API}/tags/1", json={"name": "x"}),
        await client.delete(f"{API}/posts/1"),
        await client.get(f"{API}/users/me"),
    ]:
        assert_problem(response, 401)
        assert response.headers["www-authenticate"] == "Bearer"


async def test_reads_stay_public(client: AsyncClient) -> None:
    for path in ["/posts", "/tags", "/stats/authors"]:
        assert (await client.get(f"{API}{path}")).status_code == 200


async def test_refresh_rotates_the_pair(client: AsyncClient) -> None:
    user = await create_user(client)

    response = await client.post(
        f"{API}/auth/refresh", json={"refresh_token": user["tokens"]["refresh_token"]}
    )

    assert response.status_code == 200
    tokens = response.json()
    assert tokens["refresh_token"] != user["tokens"]["refresh_token"]
    me = await client.get(f"{API}/users/me", headers=bearer(tokens["access_token"]))
    assert me.status_code == 200


async def test_a_reused_refresh_token_revokes_its_whole_login(client: AsyncClient) -> None:
    user = await create_user(client)
    stolen = user["tokens"]["refresh_token"]
    rotated = (await client.post(f"{API}/auth/refresh", json={"refresh_token": stolen})).json()

    reuse = await client.post(f"{API}/auth/refresh", json={"refresh_token": stolen})

    assert "already used" in assert_problem(reuse, 401)["detail"]
    # The legitimate client's newer token belongs to the same family: it is revoked too.
    after = await client.post(
        f"{API}/auth/refresh", json={"refresh_token": rotated["refresh_token"]}
    )
    assert_problem(after, 401)


async def test_other_logins_survive_a_revoked_family(client: AsyncClient) -> None:
    user = await create_user(client)
    other_login = (await login(client, user["email"])).json()
    await client.post(f"{API}/auth/logout", json={"refresh_token": user["tokens"]["refresh_token"]})

    response = await client.post(
        f"{API}/auth/refresh", json={"refresh_token": other_login["refresh_token"]}
    )

    assert response.status_code == 200


async def test_logout_revokes_the_refresh_token(client: AsyncClient) -> None:
    user = await create_user(client)
    refresh_token = user["tokens"]["refresh_token"]

    response = await client.post(f"{API}/auth/logout", json={"refresh_token": refresh_token})

    assert response.status_code == 204
    again = await client.post(f"{API}/auth/refresh", json={"refresh_token": refresh_token})
    assert_problem(again, 401)


{% if cookiecutter.use_redis %}
async def test_logout_ends_the_access_token_too(client: AsyncClient) -> None:
    user = await create_user(client)
    assert (await client.get(f"{API}/users/me", headers=user["headers"])).status_code == 200

    await client.post(f"{API}/auth/logout", json={"refresh_token": user["tokens"]["refresh_token"]})

    assert_problem(await client.get(f"{API}/users/me", headers=user["headers"]), 401)


async def test_a_reused_refresh_token_ends_the_access_tokens_too(client: AsyncClient) -> None:
    user = await create_user(client)
    stolen = user["tokens"]["refresh_token"]
    rotated = (await client.post(f"{API}/auth/refresh", json={"refresh_token": stolen})).json()

    await client.post(f"{API}/auth/refresh", json={"refresh_token": stolen})

    for access_token in (user["tokens"]["access_token"], rotated["access_token"]):
        assert_problem(await client.get(f"{API}/users/me", headers=bearer(access_token)), 401)


{% endif %}
@pytest.mark.parametrize("token", ["garbage", ""])
async def test_refresh_with_a_bad_token_is_rejected(client: AsyncClient, token: str) -> None:
    response = await client.post(f"{API}/auth/refresh", json={"refresh_token": token})

    assert response.status_code in (401, 422)
    assert response.headers["content-type"] == "application/problem+json"


async def test_an_access_token_cannot_refresh(client: AsyncClient) -> None:
    user = await create_user(client)

    response = await client.post(
        f"{API}/auth/refresh", json={"refresh_token": user["tokens"]["access_token"]}
    )

    assert_problem(response, 401)


async def test_openapi_shows_the_password_flow(client: AsyncClient) -> None:
    schema = (await client.get("/openapi.json")).json()

    [scheme] = schema["components"]["securitySchemes"].values()
    assert scheme["type"] == "oauth2"
    assert scheme["flows"]["password"]["tokenUrl"] == f"{API}/auth/token"
