from collections.abc import Sequence

{% if cookiecutter.api_versioning %}
from sqlalchemy import Select, bindparam, or_, select, tuple_, update
{% else %}
from sqlalchemy import Select, bindparam, or_, select, update
{% endif %}
from sqlalchemy.orm import joinedload

from ..core.pagination import PageParams, count_of, window_of
from ..core.repository import Repository
from ..tags.models import Tag
{% if cookiecutter.api_versioning %}
from ..versioning.cursors import Position
{% endif %}
from .access import Reader
from .models import Post
from .schemas import PostFilters

NEWEST_FIRST = (Post.created_at.desc(), Post.id.desc())
# Tags come in the same statement as their posts (a LEFT JOIN, a subquery under a LIMIT): one
# round trip where a second SELECT ... IN would cost another, and results need `.unique()`.
WITH_TAGS = joinedload(Post.tags)
# The hottest statement is built once: composing it costs more than running it from the cache.
POST_BY_ID = select(Post).where(Post.id == bindparam("post_id")).options(WITH_TAGS)


class PostRepository(Repository):
    {{ cookiecutter.__async }}def get(self, post_id: int) -> Post | None:
        result = {{ cookiecutter.__await }}self.session.scalars(POST_BY_ID, {"post_id": post_id})
        return result.unique().one_or_none()

    {{ cookiecutter.__async }}def get_body(self, post_id: int) -> str | None:
        return {{ cookiecutter.__await }}self.session.scalar(select(Post.body).where(Post.id == post_id))

    {{ cookiecutter.__async }}def list_page(
        self,
        filters: PostFilters,
        params: PageParams,
        reader: Reader,
    ) -> tuple[Sequence[Post], int]:
        statement = self._filtered(filters, reader)
        total = {{ cookiecutter.__await }}self.session.scalar(count_of(statement))
        newest_first = statement.order_by(*NEWEST_FIRST).options(WITH_TAGS)
        result = {{ cookiecutter.__await }}self.session.scalars(window_of(newest_first, params))
        return result.unique().all(), total or 0
{% if cookiecutter.api_versioning %}

    {{ cookiecutter.__async }}def list_after(
        self,
        filters: PostFilters,
        reader: Reader,
        after: Position | None,
        limit: int,
    ) -> Sequence[Post]:
        """Up to `limit` posts, newest first, that come after `after` in that order."""
        statement = self._filtered(filters, reader)
        if after is not None:
            statement = statement.where(tuple_(Post.created_at, Post.id) < tuple_(*after))
        newest_first = statement.order_by(*NEWEST_FIRST).options(WITH_TAGS)
        result = {{ cookiecutter.__await }}self.session.scalars(newest_first.limit(limit))
        return result.unique().all()
{% endif %}

    {{ cookiecutter.__async }}def exists_by_author(self, author_id: int) -> bool:
        statement = select(Post.id).where(Post.author_id == author_id).limit(1)
        return {{ cookiecutter.__await }}self.session.scalar(statement) is not None

    {{ cookiecutter.__async }}def set_stats(self, post_id: int, word_count: int, reading_time: int) -> None:
        # Stats are derived data: writing them is not an edit, so updated_at keeps its value.
        statement = (
            update(Post)
            .where(Post.id == post_id)
            .values(word_count=word_count, reading_time=reading_time, updated_at=Post.updated_at)
        )
        {{ cookiecutter.__await }}self.session.execute(statement)

{% if cookiecutter.use_celery %}
    {{ cookiecutter.__async }}def all_ids(self) -> Sequence[int]:
        result = {{ cookiecutter.__await }}self.session.scalars(select(Post.id).order_by(Post.id))
        return result.all()

{% endif %}
    {{ cookiecutter.__async }}def ids_without_stats(self) -> Sequence[int]:
        statement = select(Post.id).where(Post.word_count.is_(None)).order_by(Post.id)
        result = {{ cookiecutter.__await }}self.session.scalars(statement)
        return result.all()

    @staticmethod
    def _filtered(filters: PostFilters, reader: Reader) -> Select[Post]:
        statement = select(Post)
        if not reader.sees_drafts:
            # Published posts, and the reader's own drafts.
            statement = statement.where(or_(Post.published, Post.author_id == reader.user_id))
        if filters.author_id is not None:
            statement = statement.where(Post.author_id == filters.author_id)
        if filters.published is not None:
            statement = statement.where(Post.published == filters.published)
        if filters.tag is not None:
            statement = statement.where(Post.tags.any(Tag.name == filters.tag))
        if filters.q is not None:
            statement = statement.where(
                or_(
                    Post.title.icontains(filters.q, autoescape=True),
                    Post.body.icontains(filters.q, autoescape=True),
                )
            )
        return statement
