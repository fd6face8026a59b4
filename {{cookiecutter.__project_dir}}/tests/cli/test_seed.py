{% if cookiecutter.orm_mode == "async" %}
import asyncio

{% endif %}
import pytest
from sqlalchemy import func, select

from {{ cookiecutter.package_name }} import cli, seed
from {{ cookiecutter.package_name }}.core.config import Settings
from {{ cookiecutter.package_name }}.core.db import create_engine
from {{ cookiecutter.package_name }}.models import Base
from {{ cookiecutter.package_name }}.posts.models import Post
from {{ cookiecutter.package_name }}.tags.models import Tag
from {{ cookiecutter.package_name }}.users.models import User


def test_seed_fills_an_empty_database_once(
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(seed, "get_settings", lambda: settings)
    try:
        assert cli.main(["seed"]) == 0
        assert "Seeded 2 users, 3 posts and 4 tags." in capsys.readouterr().out
        counts = {{ "asyncio.run(row_counts(settings))" if cookiecutter.orm_mode == "async" else "row_counts(settings)" }}
        assert counts == (2, 3, 4, 3)

        # A database with data in it is left alone, and says so.
        assert cli.main(["seed"]) == 1
        assert "seed fills an empty one only" in capsys.readouterr().err
        assert {{ "asyncio.run(row_counts(settings))" if cookiecutter.orm_mode == "async" else "row_counts(settings)" }} == counts
    finally:
        # The command commits: remove what it wrote so other tests see an empty database.
        {{ "asyncio.run(delete_everything(settings))" if cookiecutter.orm_mode == "async" else "delete_everything(settings)" }}


def test_seed_refuses_production(
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    production = settings.model_copy(update={"environment": "production"})
    monkeypatch.setattr(seed, "get_settings", lambda: production)

    assert cli.main(["seed"]) == 1
    assert "ENVIRONMENT=production" in capsys.readouterr().err


{{ cookiecutter.__async }}def row_counts(settings: Settings) -> tuple[int, int, int, int]:
    """Users, posts, tags, and posts whose stats are computed."""
    engine = create_engine(settings)
    {{ cookiecutter.__async }}with engine.connect() as connection:
        counts = []
        for statement in (
            select(func.count()).select_from(User),
            select(func.count()).select_from(Post),
            select(func.count()).select_from(Tag),
            select(func.count()).select_from(Post).where(Post.word_count.is_not(None)),
        ):
            counts.append({{ cookiecutter.__await }}connection.scalar(statement) or 0)
    {{ cookiecutter.__await }}engine.dispose()
    users, posts, tags, with_stats = counts
    return users, posts, tags, with_stats


{{ cookiecutter.__async }}def delete_everything(settings: Settings) -> None:
    engine = create_engine(settings)
    {{ cookiecutter.__async }}with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            {{ cookiecutter.__await }}connection.execute(table.delete())
    {{ cookiecutter.__await }}engine.dispose()
