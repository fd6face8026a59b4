{% if cookiecutter.orm_mode == "async" %}
import asyncio

{% endif %}
import pytest
from pydantic import SecretStr, ValidationError
from sqlalchemy import delete, select

from {{ cookiecutter.package_name }} import cli
from {{ cookiecutter.package_name }}.auth import cli as auth_cli
from {{ cookiecutter.package_name }}.core.config import DEFAULT_SECRET_KEY, Settings
from {{ cookiecutter.package_name }}.core.db import create_engine
from {{ cookiecutter.package_name }}.users.models import User


@pytest.mark.parametrize("secret_key", [DEFAULT_SECRET_KEY, "short-but-not-default"])
def test_production_refuses_a_weak_secret_key(secret_key: str) -> None:
    with pytest.raises(ValidationError, match=r"secret_key\n.*at least 32 characters"):
        Settings(_env_file=None, environment="production", secret_key=SecretStr(secret_key))


def test_production_accepts_a_long_random_secret_key() -> None:
    settings = Settings(_env_file=None, environment="production", secret_key=SecretStr("k" * 32))

    assert settings.secret_key.get_secret_value() == "k" * 32


def test_create_admin_command_creates_then_promotes(
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(auth_cli, "get_settings", lambda: settings)
    email = "root@example.com"
    try:
        assert cli.main(["create-admin", "--email", email, "--password", "long enough"]) == 0
        assert cli.main(["create-admin", "--email", email, "--password", "long enough"]) == 0
        output = capsys.readouterr().out
        assert f"Created admin {email}." in output
        assert f"Promoted {email} to admin" in output
        assert cli.main(["delete-expired-tokens"]) == 0
        assert "Deleted 0 expired refresh tokens." in capsys.readouterr().out
    finally:
        # The command commits: remove what it wrote so other tests see an empty database.
        roles = {{ "asyncio.run(roles_removed(settings, email))" if cookiecutter.orm_mode == "async" else "roles_removed(settings, email)" }}
    assert roles == ["admin"]


{{ cookiecutter.__async }}def roles_removed(settings: Settings, email: str) -> list[str]:
    """The roles of the users with this email, deleted on the way out."""
    engine = create_engine(settings)
    {{ cookiecutter.__async }}with engine.begin() as connection:
        result = {{ cookiecutter.__await }}connection.scalars(select(User.role).where(User.email == email))
        roles = list(result.all())
        {{ cookiecutter.__await }}connection.execute(delete(User).where(User.email == email))
    {{ cookiecutter.__await }}engine.dispose()
    return roles


def test_create_admin_refuses_a_weak_password(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["create-admin", "--email", "root@example.com", "--password", "short"])

    assert "at least 8 characters" in capsys.readouterr().err
