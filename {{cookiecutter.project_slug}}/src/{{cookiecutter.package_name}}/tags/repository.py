from collections.abc import Iterable, Sequence

from sqlalchemy import select

from {{ cookiecutter.package_name }}.core.pagination import PageParams, count_of, window_of
from {{ cookiecutter.package_name }}.core.repository import Repository
from {{ cookiecutter.package_name }}.tags.models import Tag


class TagRepository(Repository):
    {{ cookiecutter.__async }}def get(self, tag_id: int) -> Tag | None:
        return {{ cookiecutter.__await }}self.session.get(Tag, tag_id)

    {{ cookiecutter.__async }}def get_by_name(self, name: str) -> Tag | None:
        return {{ cookiecutter.__await }}self.session.scalar(select(Tag).where(Tag.name == name))

    {{ cookiecutter.__async }}def get_many_by_name(self, names: Iterable[str]) -> Sequence[Tag]:
        result = {{ cookiecutter.__await }}self.session.scalars(select(Tag).where(Tag.name.in_(names)))
        return result.all()

    {{ cookiecutter.__async }}def list_page(self, params: PageParams) -> tuple[Sequence[Tag], int]:
        statement = select(Tag)
        total = {{ cookiecutter.__await }}self.session.scalar(count_of(statement))
        result = {{ cookiecutter.__await }}self.session.scalars(window_of(statement.order_by(Tag.name), params))
        return result.all(), total or 0

    {{ cookiecutter.__async }}def add(self, *tags: Tag) -> None:
        self.session.add_all(tags)
        {{ cookiecutter.__await }}self.session.flush()

    {{ cookiecutter.__async }}def flush(self) -> None:
        {{ cookiecutter.__await }}self.session.flush()

    {{ cookiecutter.__async }}def delete(self, tag: Tag) -> None:
        {{ cookiecutter.__await }}self.session.delete(tag)
        {{ cookiecutter.__await }}self.session.flush()
