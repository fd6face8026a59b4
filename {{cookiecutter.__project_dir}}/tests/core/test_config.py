import pytest
from pydantic import ValidationError

from {{ cookiecutter.package_name }}.core.config import Settings, sqlalchemy_url


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
    with pytest.raises(ValidationError, match="DATABASE_URL must start with one of"):
        Settings(_env_file=None, database_url="mysql://root@localhost/app")
