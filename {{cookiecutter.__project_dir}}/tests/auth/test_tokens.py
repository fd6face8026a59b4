from datetime import timedelta
from typing import Any

import jwt
import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient, Response

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


def client_at(app: FastAPI, address: str) -> AsyncClient:
    """A client of the app that connects from `address`."""
    transport = ASGITransport(app, client=(address, 4000))
    return AsyncClient(transport=transport, base_url="http://test")


async def login_through(
    client: AsyncClient, email: str, forwarded_for: str, password: str = "a wrong guess"
) -> Response:
    """A login attempt that names a client address in X-Forwarded-For, as a proxy would."""
    form = {"username": email, "password": password}
    headers = {"X-Forwarded-For": forwarded_for}
    return await client.post(f"{API}/auth/token", data=form, headers=headers)


@pytest.mark.parametrize(
    "app_settings", [{"login_rate_limit_per_client": "3/minute"}], indirect=True
)
async def test_login_attempts_are_limited_per_client_across_emails(app: FastAPI) -> None:
    """Password spraying: one guess at each of many accounts, from one address."""
    sprayer = client_at(app, "203.0.113.7")
    bystander = client_at(app, "198.51.100.8")
    async with sprayer, bystander:
        for number in range(3):
            assert_problem(await login(sprayer, f"user{number}@example.com", "Spring2026"), 401)

        refused = await login(sprayer, "another@example.com", "Spring2026")

        assert_problem(refused, 429)
        assert int(refused.headers["retry-after"]) >= 1
        # Counted per address: another client may still try.
        assert_problem(await login(bystander, "another@example.com", "Spring2026"), 401)


async def test_x_forwarded_for_is_ignored_by_default(client: AsyncClient) -> None:
    """With no trusted proxy a client cannot choose the address its attempts count against."""
    for number in range(5):
        response = await login_through(client, "ada@example.com", f"198.51.100.{number}")
        assert_problem(response, 401)

    response = await login_through(client, "ada@example.com", "198.51.100.99")

    assert_problem(response, 429)


@pytest.mark.parametrize(
    "app_settings",
    [{"trusted_proxies": ["127.0.0.0/8"], "login_rate_limit_per_client": "3/minute"}],
    indirect=True,
)
async def test_a_trusted_proxy_names_the_client(client: AsyncClient) -> None:
    """The test client connects from 127.0.0.1: here a trusted proxy."""
    for email in ["a@example.com", "b@example.com", "c@example.com"]:
        assert_problem(await login_through(client, email, "198.51.100.1"), 401)

    assert_problem(await login_through(client, "d@example.com", "198.51.100.1"), 429)
    # Another client behind the same proxy is counted apart...
    assert_problem(await login_through(client, "d@example.com", "198.51.100.2"), 401)
    # ...but a client cannot pose as another by sending its own X-Forwarded-For: the proxy
    # appends the address it saw, and only the addresses the trusted proxies added count.
    spoofed = await login_through(client, "d@example.com", "198.51.100.2, 198.51.100.1")
    assert_problem(spoofed, 429)


async def test_a_password_change_ends_every_login(client: AsyncClient) -> None:
    user = await create_user(client)
    other_login = (await login(client, user["email"])).json()
    change = {"current_password": PASSWORD, "new_password": "a brand new password"}

    changed = await client.post(f"{API}/users/me/password", json=change, headers=user["headers"])

    assert changed.status_code == 204
    for tokens in (user["tokens"], other_login):
        await assert_login_ended(client, tokens)
    fresh = (await login(client, user["email"], "a brand new password")).json()
    me = await client.get(f"{API}/users/me", headers=bearer(fresh["access_token"]))
    assert me.status_code == 200


@pytest.mark.parametrize(
    "change", [{"role": "admin"}, {"is_active": False}], ids=["role", "deactivation"]
)
async def test_a_new_role_or_a_deactivation_ends_every_login(
    client: AsyncClient, admin: dict[str, Any], change: dict[str, Any]
) -> None:
    user = await create_user(client)

    response = await client.patch(
        f"{API}/users/{user['id']}", json=change, headers=admin["headers"]
    )

    assert response.status_code == 200
    await assert_login_ended(client, user["tokens"])


async def test_reactivation_does_not_revive_old_tokens(
    client: AsyncClient, admin: dict[str, Any]
) -> None:
    user = await create_user(client)
    url = f"{API}/users/{user['id']}"
    await client.patch(url, json={"is_active": False}, headers=admin["headers"])

    await client.patch(url, json={"is_active": True}, headers=admin["headers"])

    await assert_login_ended(client, user["tokens"])
    assert (await login(client, user["email"])).status_code == 200


async def test_other_changes_keep_the_logins(client: AsyncClient, admin: dict[str, Any]) -> None:
    user = await create_user(client)
    url = f"{API}/users/{user['id']}"
    unchanged_role = {"full_name": "Countess", "role": "user"}

    await client.patch(url, json=unchanged_role, headers=admin["headers"])

    assert (await client.get(f"{API}/users/me", headers=user["headers"])).status_code == 200


async def assert_login_ended(client: AsyncClient, tokens: dict[str, Any]) -> None:
    """Neither token of this login pair works any more."""
    me = await client.get(f"{API}/users/me", headers=bearer(tokens["access_token"]))
    assert_problem(me, 401)
    refresh_token = {"refresh_token": tokens["refresh_token"]}
    assert_problem(await client.post(f"{API}/auth/refresh", json=refresh_token), 401)


def forged(settings: Settings, **changes: Any) -> str:
    """An access token as the service would issue it, then altered."""
    secret = settings.secret_key.get_secret_value()
    token = security.issue_token("1", "login", 0, "access", timedelta(minutes=5), secret).token
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
