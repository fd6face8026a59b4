from collections.abc import Iterable, Sequence

from sqlalchemy import select
{% if cookiecutter.database == "postgresql" %}
from sqlalchemy.dialects import postgresql, sqlite
{% else %}
from sqlalchemy.dialects import sqlite
{% endif %}

from ..core.pagination import PageParams, count_of, window_of
from ..core.repository import Repository
from ..posts.models import post_tags
from .models import Tag


class TagRepository(Repository):
    {{ cookiecutter.__async }}def get(self, tag_id: int) -> Tag | None:
        return {{ cookiecutter.__await }}self.session.get(Tag, tag_id)

    {{ cookiecutter.__async }}def get_by_name(self, name: str) -> Tag | None:
        return {{ cookiecutter.__await }}self.session.scalar(select(Tag).where(Tag.name == name))

    {{ cookiecutter.__async }}def get_many_by_name(self, names: Iterable[str]) -> Sequence[Tag]:
        statement = select(Tag).where(Tag.name.in_(names)).order_by(Tag.name)
        result = {{ cookiecutter.__await }}self.session.scalars(statement)
        return result.all()

    {{ cookiecutter.__async }}def add_missing(self, names: Iterable[str]) -> None:
        """Insert the tags that do not exist yet, even if a concurrent request adds them too."""
        rows = [{"name": name} for name in names]
{% if cookiecutter.database == "postgresql" %}
        if self.session.get_bind().dialect.name == "postgresql":
            statement = postgresql.insert(Tag).on_conflict_do_nothing(index_elements=[Tag.name])
            {{ cookiecutter.__await }}self.session.execute(statement, rows)
            return
{% endif %}
        {{ cookiecutter.__await }}self.session.execute(
            sqlite.insert(Tag).on_conflict_do_nothing(index_elements=[Tag.name]), rows
        )

    {{ cookiecutter.__async }}def is_carried(self, tag_id: int) -> bool:
        """Whether any post carries the tag."""
        statement = select(post_tags.c.post_id).where(post_tags.c.tag_id == tag_id).limit(1)
        return {{ cookiecutter.__await }}self.session.scalar(statement) is not None

    {{ cookiecutter.__async }}def list_page(self, params: PageParams) -> tuple[Sequence[Tag], int]:
        statement = select(Tag)
        total = {{ cookiecutter.__await }}self.session.scalar(count_of(statement))
        result = {{ cookiecutter.__await }}self.session.scalars(window_of(statement.order_by(Tag.name), params))
        return result.all(), total or 0
