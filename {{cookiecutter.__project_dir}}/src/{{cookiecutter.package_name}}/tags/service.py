from collections.abc import Iterable
from typing import Self

from ..core.effects import Effects, UnitOfWork
from ..core.pagination import PageParams, Paginated, paginated
from ..posts.events import TaggedPostsChanged
from .events import TagListChanged
from .exceptions import TagAlreadyExistsError, TagInUseError, TagNotFoundError
from .models import Tag
from .repository import TagRepository
from .schemas import TagCreate, TagUpdate


class TagService:
    def __init__(self, tags: TagRepository, effects: Effects) -> None:
        self.tags = tags
        self.effects = effects

    @classmethod
    def of(cls, work: UnitOfWork) -> Self:
        return cls(TagRepository(work.session), work.effects)

    {{ cookiecutter.__async }}def create(self, data: TagCreate) -> Tag:
        {{ cookiecutter.__await }}self._ensure_name_is_free(data.name)
        tag = Tag(name=data.name)
        {{ cookiecutter.__await }}self.tags.add(tag)
        {{ cookiecutter.__await }}self.effects.emit(TagListChanged())
        return tag

    {{ cookiecutter.__async }}def get(self, tag_id: int) -> Tag:
        tag = {{ cookiecutter.__await }}self.tags.get(tag_id)
        if tag is None:
            raise TagNotFoundError(tag_id)
        return tag

    {{ cookiecutter.__async }}def list_page(self, params: PageParams) -> Paginated[Tag]:
        tags, total = {{ cookiecutter.__await }}self.tags.list_page(params)
        return paginated(tags, total, params)

    {{ cookiecutter.__async }}def update(self, tag_id: int, data: TagUpdate) -> Tag:
        tag = {{ cookiecutter.__await }}self.get(tag_id)
        if data.name is not None and data.name != tag.name:
            {{ cookiecutter.__await }}self._ensure_name_is_free(data.name)
            tag.name = data.name
            {{ cookiecutter.__await }}self.tags.flush()
            {{ cookiecutter.__await }}self._changed(tag.id)
        return tag

    {{ cookiecutter.__async }}def delete(self, tag_id: int, *, detach: bool = False) -> None:
        """Delete a tag that no post carries, or with `detach`, remove it from its posts too."""
        tag = {{ cookiecutter.__await }}self.get(tag_id)
        if not detach and {{ cookiecutter.__await }}self.tags.is_carried(tag_id):
            raise TagInUseError(tag_id)
        {{ cookiecutter.__await }}self.tags.delete(tag)
        {{ cookiecutter.__await }}self._changed(tag_id)

    {{ cookiecutter.__async }}def get_or_create_many(self, names: Iterable[str]) -> list[Tag]:
        """The tags with these names, in name order, creating the ones that do not exist yet."""
        wanted = set(names)
        if not wanted:
            return []
        # Read first: the tags usually exist, and then one SELECT is all it takes.
        tags = {{ cookiecutter.__await }}self.tags.get_many_by_name(wanted)
        missing = wanted - {tag.name for tag in tags}
        if missing:
            {{ cookiecutter.__await }}self.tags.add_missing(missing)
            tags = {{ cookiecutter.__await }}self.tags.get_many_by_name(wanted)
            {{ cookiecutter.__await }}self.effects.emit(TagListChanged())
        return list(tags)

    {{ cookiecutter.__async }}def _changed(self, tag_id: int) -> None:
        {{ cookiecutter.__await }}self.effects.emit(TagListChanged())
        # Posts show their tags' names: every post that carries this one changed too.
        {{ cookiecutter.__await }}self.effects.emit(TaggedPostsChanged(tag_id))

    {{ cookiecutter.__async }}def _ensure_name_is_free(self, name: str) -> None:
        if {{ cookiecutter.__await }}self.tags.get_by_name(name) is not None:
            raise TagAlreadyExistsError(name)
