import math
from typing import Self

from ..core.effects import Effects, UnitOfWork
from ..core.pagination import Paginated, paginated
from ..tags.service import TagService
from ..users.repository import UserRepository
{% if cookiecutter.api_versioning %}
from ..versioning.cursors import CursorPaginated, Cursors, Position
{% endif %}
from .access import Editor, Reader
from .events import PostCreated, PostDeleted, PostUpdated
from .exceptions import AuthorNotFoundError, PostNotFoundError
from .models import Post
from .repository import PostRepository
{% if cookiecutter.api_versioning %}
from .schemas import PostCreate, PostCursorQuery, PostPageQuery, PostUpdate
{% else %}
from .schemas import PostCreate, PostPageQuery, PostUpdate
{% endif %}

WORDS_PER_MINUTE = 200
# The job that computes a post's stats (posts/jobs.py).
REFRESH_STATS = "posts.refresh_stats"


def reading_stats(body: str) -> tuple[int, int]:
    """Word count, and reading time in minutes rounded up."""
    words = len(body.split())
    return words, math.ceil(words / WORDS_PER_MINUTE)


{% if cookiecutter.api_versioning %}
def position_of(post: Post) -> Position:
    return post.created_at, post.id


{% endif %}
class PostService:
    def __init__(
        self,
        posts: PostRepository,
        users: UserRepository,
        tags: TagService,
        effects: Effects,
    ) -> None:
        self.posts = posts
        self.users = users
        self.tags = tags
        self.effects = effects

    @classmethod
    def of(cls, work: UnitOfWork) -> Self:
        session = work.session
        return cls(
            PostRepository(session), UserRepository(session), TagService.of(work), work.effects
        )

    {{ cookiecutter.__async }}def create(self, data: PostCreate, author_id: int) -> Post:
        if {{ cookiecutter.__await }}self.users.get(author_id) is None:
            raise AuthorNotFoundError(author_id)
        post = Post(
            title=data.title,
            body=data.body,
            published=data.published,
            author_id=author_id,
            tags={{ cookiecutter.__await }}self.tags.get_or_create_many(data.tags),
        )
        {{ cookiecutter.__await }}self.posts.add(post)
        {{ cookiecutter.__await }}self.effects.emit(PostCreated(post.id))
        # Stats are computed after the commit, off the request's path.
        {{ cookiecutter.__await }}self.effects.enqueue(REFRESH_STATS, post.id)
        return post

    {{ cookiecutter.__async }}def get(self, post_id: int, reader: Reader) -> Post:
        """The post, if `reader` may see it: a draft of someone else's does not exist for them."""
        post = {{ cookiecutter.__await }}self.posts.get(post_id)
        if post is None or not reader.can_read(post):
            raise PostNotFoundError(post_id)
        return post

    {{ cookiecutter.__async }}def list_page(self, query: PostPageQuery, reader: Reader) -> Paginated[Post]:
        posts, total = {{ cookiecutter.__await }}self.posts.list_page(query, query, reader)
        return paginated(posts, total, query)
{% if cookiecutter.api_versioning %}

    {{ cookiecutter.__async }}def list_by_cursor(
        self,
        query: PostCursorQuery,
        reader: Reader,
        cursors: Cursors,
    ) -> CursorPaginated[Post]:
        after = cursors.position(query)
        # One more than a page, to know whether another page follows.
        posts = {{ cookiecutter.__await }}self.posts.list_after(query, reader, after, query.limit + 1)
        return cursors.page(posts, query, position_of)
{% endif %}

    {{ cookiecutter.__async }}def update(self, post_id: int, data: PostUpdate, editor: Editor) -> Post:
        post = {{ cookiecutter.__await }}self.get(post_id, editor.reader)
        editor.ensure_can_edit(post)
        changes = data.model_dump(exclude_unset=True, exclude={"tags"})
        for field, value in changes.items():
            setattr(post, field, value)
        if data.body is not None:
            # The stats job computes the new ones; until then the post has none, never stale
            # ones, so a job that never succeeds leaves it for the sweep (posts/jobs.py).
            post.word_count = post.reading_time = None
        if data.tags is not None:
            post.tags = {{ cookiecutter.__await }}self.tags.get_or_create_many(data.tags)
        {{ cookiecutter.__await }}self.posts.flush()
        {{ cookiecutter.__await }}self.effects.emit(PostUpdated(post.id))
        if data.body is not None:
            # A changed body means new stats.
            {{ cookiecutter.__await }}self.effects.enqueue(REFRESH_STATS, post.id)
        return post

    {{ cookiecutter.__async }}def delete(self, post_id: int, editor: Editor) -> None:
        post = {{ cookiecutter.__await }}self.get(post_id, editor.reader)
        editor.ensure_can_edit(post)
        {{ cookiecutter.__await }}self.posts.delete(post)
        {{ cookiecutter.__await }}self.effects.emit(PostDeleted(post_id, post.author_id, post.published))

    {{ cookiecutter.__async }}def refresh_stats(self, post_id: int) -> None:
        """Recompute a post's word count and reading time; a no-op if the post is gone."""
        body = {{ cookiecutter.__await }}self.posts.get_body(post_id)
        if body is not None:
            {{ cookiecutter.__await }}self.posts.set_stats(post_id, *reading_stats(body))
            # The stats are part of the post's details.
            {{ cookiecutter.__await }}self.effects.emit(PostUpdated(post_id))
