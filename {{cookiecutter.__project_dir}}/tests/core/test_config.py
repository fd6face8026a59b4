import pytest
from pydantic import ValidationError

from {{ cookiecutter.package_name }}.core.config import (
    InvalidSettingsError,
    Settings,
    get_settings,
    sqlalchemy_url,
)


def test_sqlite_url_gets_the_driver() -> None:
    url = sqlalchemy_url("sqlite:///./app.db")

    assert url.drivername == "sqlite+{{ 'aiosqlite' if cookiecutter.orm_mode == 'async' else 'pysqlite' }}"
    assert url.database == "./app.db"
{% if cookiecutter.database == "postgresql" %}


@pytest.mark.parametrize("scheme", ["postgresql", "postgres"])
def test_postgresql_url_gets_the_driver(scheme: str) -> None:
    url = sqlalchemy_url(f"{scheme}://user:secret@db:5432/app")

    assert url.drivername == "postgresql+{{ 'asyncpg' if cookiecutter.orm_mode == 'async' else 'psycopg' }}"
    assert (url.username, url.password, url.host, url.port, url.database) == (
        "user",
        "secret",
        "db",
        5432,
        "app",
    )
{% endif %}


def test_unsupported_database_is_refused_at_start_up() -> None:
    with pytest.raises(ValidationError, match="must start with one of"):
        Settings(_env_file=None, database_url="mysql://root@localhost/app")


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("DATABASE_URL", "not a url", "invalid setting DATABASE_URL: not a database URL"),
        ("DATABASE_POOL_SIZE", "ten", "invalid setting DATABASE_POOL_SIZE: Input should be"),
        ("CORS_ORIGINS", "not json", "invalid setting CORS_ORIGINS: not JSON"),
    ],
)
def test_a_bad_setting_stops_the_start_up_with_one_line_naming_it(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, says: str
) -> None:
    monkeypatch.chdir("/")  # no .env there
    monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    try:
        with pytest.raises(InvalidSettingsError) as stopped:
            get_settings()
    finally:
        get_settings.cache_clear()

    message = str(stopped.value.code)
    assert message.startswith(says), message
    assert "\n" not in message
