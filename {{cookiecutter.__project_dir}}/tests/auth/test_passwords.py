"""Passwords: besides their length, neither one of the most common nor the user's own email."""

from typing import Any

import pytest
from httpx import AsyncClient

from {{ cookiecutter.package_name }} import cli
from tests.factories import API, PASSWORD, assert_problem, create_user

pytestmark = pytest.mark.anyio


def register_payload(password: str, email: str = "ada.lovelace@example.com") -> dict[str, Any]:
    return {"email": email, "password": password, "full_name": "Ada"}


@pytest.mark.parametrize("password", ["password123", "QWERTY123", " iloveyou "])
async def test_register_refuses_a_common_password(client: AsyncClient, password: str) -> None:
    response = await client.post(f"{API}/auth/register", json=register_payload(password))

    [error] = assert_problem(response, 422)["errors"]
    assert error["loc"] == ["body", "password"]
    assert "most common passwords" in error["msg"]


@pytest.mark.parametrize(
    "password", ["ada.lovelace@example.com", "ADA.LOVELACE", "my ada.lovelace@example.com!"]
)
async def test_register_refuses_the_users_email(client: AsyncClient, password: str) -> None:
    response = await client.post(f"{API}/auth/register", json=register_payload(password))

    problem = assert_problem(response, 422)
    assert "must not be the email address" in problem["detail"]
    assert problem["errors"][0]["loc"] == ["body", "password"]


async def test_a_password_that_only_mentions_the_name_is_fine(client: AsyncClient) -> None:
    payload = register_payload("ada sails to the isle")

    assert (await client.post(f"{API}/auth/register", json=payload)).status_code == 201


@pytest.mark.parametrize(
    ("new_password", "reason"),
    [("football", "most common passwords"), ("ada@example.com", "must not be the email")],
)
async def test_a_new_password_is_checked_the_same_way(
    client: AsyncClient, new_password: str, reason: str
) -> None:
    user = await create_user(client, email="ada@example.com")
    change = {"current_password": PASSWORD, "new_password": new_password}

    response = await client.post(f"{API}/users/me/password", json=change, headers=user["headers"])

    assert reason in str(assert_problem(response, 422))
    assert (await client.get(f"{API}/users/me", headers=user["headers"])).status_code == 200


@pytest.mark.parametrize(
    ("password", "reason"),
    [("baseball1", "most common passwords"), ("root@example.com", "must not be the email")],
)
def test_create_admin_refuses_weak_passwords(
    capsys: pytest.CaptureFixture[str], password: str, reason: str
) -> None:
    with pytest.raises(SystemExit):
        cli.main(["create-admin", "--email", "root@example.com", "--password", password])

    assert reason in capsys.readouterr().err
