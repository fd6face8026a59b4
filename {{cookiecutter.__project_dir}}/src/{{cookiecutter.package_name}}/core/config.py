"""Settings read from the environment and `.env`, validated once at start-up. Each feature's
settings live in its package; `Settings` is all of them.

An invalid setting stops what starts (the server, Alembic, a command{{ ", a worker" if cookiecutter.use_celery else "" }}) with a line
naming it, e.g. `invalid setting DATABASE_POOL_SIZE: Input should be a valid integer`.
"""

import re
from functools import lru_cache
from typing import Literal

{% if cookiecutter.use_auth or cookiecutter.api_versioning %}
from pydantic import Field, SecretStr, ValidationError, ValidationInfo, field_validator
{% else %}
from pydantic import Field, ValidationError, field_validator
{% endif %}
from pydantic_settings import BaseSettings, SettingsConfigDict, SettingsError
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

{% if cookiecutter.use_auth %}
from ..auth.settings import AuthSettings
{% endif %}
{% if cookiecutter.use_redis %}
from ..cache.settings import RedisSettings
{% endif %}
from ..live.settings import LiveSettings
from ..metrics.settings import MetricsSettings
{% if cookiecutter.api_versioning %}
from ..versioning.settings import VersioningSettings
{% endif %}
{% if cookiecutter.use_celery %}
from ..worker.settings import CelerySettings
{% endif %}

# The driver each backend uses in this project: DATABASE_URL names only the backend.
DRIVERS = {
    "sqlite": "{{ "aiosqlite" if cookiecutter.orm_mode == "async" else "pysqlite" }}",
{% if cookiecutter.database == "postgresql" %}
    "postgresql": "{{ "asyncpg" if cookiecutter.orm_mode == "async" else "psycopg" }}",
{% endif %}
}
BACKEND_ALIASES = {"postgres": "postgresql"}
{% if cookiecutter.use_auth or cookiecutter.api_versioning %}
DEFAULT_SECRET_KEY = "insecure-development-key-change-me"
MIN_SECRET_KEY_LENGTH = 32
{% endif %}


def sqlalchemy_url(database_url: str) -> URL:
    """Add this project's driver to a plain `sqlite:///...` or `postgresql://...` URL."""
    supported = ", ".join(f"{name}://" for name in DRIVERS)
    try:
        url = make_url(database_url)
    except ArgumentError:
        raise ValueError(f"not a database URL; one starting with {supported}") from None
    backend = url.get_backend_name()
    backend = BACKEND_ALIASES.get(backend, backend)
    if backend not in DRIVERS:
        raise ValueError(f"must start with one of: {supported}")
    return url.set(drivername=f"{backend}+{DRIVERS[backend]}")


class Settings(
{% if cookiecutter.use_auth %}
    AuthSettings,
{% endif %}
{% if cookiecutter.use_redis %}
    RedisSettings,
{% endif %}
{% if cookiecutter.api_versioning %}
    VersioningSettings,
{% endif %}
{% if cookiecutter.use_celery %}
    CelerySettings,
{% endif %}
    LiveSettings,
    MetricsSettings,
    BaseSettings,
):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    app_name: str = {{ cookiecutter.project_name | python_string }}
    environment: Literal["development", "test", "production"] = "development"
{% if cookiecutter.database == "postgresql" %}
    database_url: str = "postgresql://postgres@localhost/{{ cookiecutter.package_name }}"
{% else %}
    database_url: str = "sqlite:///./{{ cookiecutter.package_name }}.db"
{% endif %}
    database_echo: bool = False
    # Requests wait for a free connection instead of failing: the pool is bounded and, in sync
    # mode, so is the threadpool that runs the routes (see core/db.py).
    database_pool_size: int = Field(default=10, ge=1)
    database_max_overflow: int = Field(default=10, ge=0)
    database_pool_timeout: float = Field(default=10.0, gt=0)
    # An unreachable, restarting or frozen database costs a request a bounded wait, then a 503:
    # seconds to open a connection, and to run one statement (on SQLite, to wait for a lock).
    database_connect_timeout: float = Field(default=5.0, gt=0)
    database_statement_timeout: float = Field(default=10.0, gt=0)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_json: bool = False
    cors_origins: list[str] = []
    # Addresses or networks of the reverse proxies in front of the service, whose
    # X-Forwarded-For and X-Forwarded-Proto are believed; by default none are (see core/install.py).
    trusted_proxies: list[str] = []
    # A request body over this many bytes is refused with 413 before it is read in full.
    max_request_body_bytes: int = Field(default=1_048_576, ge=1)
    # /docs, /redoc and /openapi.json; unset: served everywhere but in production.
    api_docs_enabled: bool | None = None
{% if cookiecutter.use_auth or cookiecutter.api_versioning %}
    # Signs {{ cookiecutter.__secret_key_signs }}.
    # The post-gen hook wrote a random one into .env; production refuses the default and anything
    # shorter than MIN_SECRET_KEY_LENGTH.
    secret_key: SecretStr = Field(default=SecretStr(DEFAULT_SECRET_KEY), validate_default=True)
{% endif %}

    @field_validator("database_url")
    @classmethod
    def check_database_url(cls, value: str) -> str:
        sqlalchemy_url(value)
        return value

{% if cookiecutter.use_auth or cookiecutter.api_versioning %}
    @field_validator("secret_key")
    @classmethod
    def check_secret_key(cls, value: SecretStr, info: ValidationInfo) -> SecretStr:
        if info.data.get("environment") == "production":
            secret = value.get_secret_value()
            if secret == DEFAULT_SECRET_KEY or len(secret) < MIN_SECRET_KEY_LENGTH:
                raise ValueError(
                    f"must be a random value of at least {MIN_SECRET_KEY_LENGTH} characters in"
                    " production (python -c 'import secrets; print(secrets.token_urlsafe(32))')"
                )
        return value

{% endif %}
    @property
    def serves_api_docs(self) -> bool:
        if self.api_docs_enabled is None:
            return self.environment != "production"
        return self.api_docs_enabled

    @property
    def sqlalchemy_database_url(self) -> URL:
        return sqlalchemy_url(self.database_url)


# How pydantic-settings names the setting whose value it could not parse as JSON.
UNPARSED_FIELD = re.compile(r'field "(\w+)"')


class InvalidSettingsError(SystemExit):
    """Ends the process with one line per invalid setting (its message), not a traceback."""


def describe(error: ValidationError) -> str:
    """One line per invalid setting, named as in the environment."""
    lines = []
    for invalid in error.errors(include_url=False):
        context = invalid.get("ctx", {})
        # A validator's own message, without pydantic's "Value error, " before it.
        message = str(context["error"]) if "error" in context else invalid["msg"]
        if invalid["loc"]:
            lines.append(f"invalid setting {str(invalid['loc'][0]).upper()}: {message}")
        else:
            lines.append(f"invalid settings: {message}")
    return "\n".join(lines)


@lru_cache
def get_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as error:
        raise InvalidSettingsError(describe(error)) from None
    except SettingsError as error:
        # A list setting whose value is not JSON.
        field = UNPARSED_FIELD.search(str(error))
        name = field.group(1).upper() if field else "?"
        raise InvalidSettingsError(
            f'invalid setting {name}: not JSON (a list is written ["a", "b"])'
        ) from None
