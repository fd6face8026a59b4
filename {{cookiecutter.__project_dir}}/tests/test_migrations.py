"""The migrations build exactly the schema the models describe (what `alembic check` checks)."""

from typing import Any

{% if cookiecutter.orm_mode == "async" %}
import pytest
{% endif %}
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
{% if cookiecutter.orm_mode == "async" %}
from sqlalchemy import Connection
from sqlalchemy.ext.asyncio import AsyncEngine
{% else %}
from sqlalchemy import Connection, Engine
{% endif %}

from {{ cookiecutter.package_name }}.models import Base


def differences(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, Base.metadata))


{% if cookiecutter.orm_mode == "async" %}
@pytest.mark.anyio
async def test_migrated_schema_matches_the_models(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        assert await connection.run_sync(differences) == []
{% else %}
def test_migrated_schema_matches_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        assert differences(connection) == []
{% endif %}
