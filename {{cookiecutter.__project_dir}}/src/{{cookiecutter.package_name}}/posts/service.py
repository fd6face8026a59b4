import math

from ..core.pagination import Paginated, paginated
from ..tags.service import TagService
from ..users.repository import UserRepository
from .exceptions import AuthorNotFoundError, PostNotFoundError
from .models import Post
from .repository import PostRepository
from .schemas import PostCreate, PostFilters, PostUpdate

WORDS_PER_MINUTE = 200


def reading_stats(body: str) -> tuple[int, int]:
    """Word count, and reading time in minutes rounded up."""
    words = len(body.split())
    return words, math.ceil(words / WORDS_PER_MINUTE)


class PostService:
    def __init__(self, posts: PostRepository, users: UserRepository, tags: TagService) -> None:
        self.posts = posts
        self.users = users
        self.tags = tags

    {{ cookiecutter.__async }}def create(self, data: PostCreate) -> Post:
        if {{ cookiecutter.__await }}self.users.get(data.author_id) is None:
            raise AuthorNotFoundError(data.author_id)
        post = Post(
            title=data.title,
            body=data.body,
            published=data.published,
            author_id=data.author_id,
            tags={{ cookiecutter.__await }}self.tags.get_or_create_many(data.tags),
        )
        {{ cookiecutter.__await }}self.posts.add(post)
        return post

    {{ cookiecutter.__async }}def get(self, post_id: int) -> Post:
        post = {{ cookiecutter.__await }}self.posts.get(post_id)
        if post is None:
            raise PostNotFoundError(post_id)
        return post

    {{ cookiecutter.__async }}def list_page(self, filters: PostFilters) -> Paginated[Post]:
        posts, total = {{ cookiecutter.__await }}self.posts.list_page(filters)
        return paginated(posts, total, filters)

    {{ cookiecutter.__async }}def update(self, post_id: int, data: PostUpdate) -> Post:
        post = {{ cookiecutter.__await }}self.get(post_id)
        changes = data.model_dump(exclude_unset=True, exclude={"tags"})
        for field, value in changes.items():
            setattr(post, field, value)
        if data.tags is not None:
            post.tags = {{ cookiecutter.__await }}self.tags.get_or_create_many(data.tags)
        {{ cookiecutter.__await }}self.posts.flush()
        return post

    {{ cookiecutter.__async }}def delete(self, post_id: int) -> None:
        {{ cookiecutter.__await }}self.posts.delete({{ cookiecutter.__await }}self.get(post_id))

    {{ cookiecutter.__async }}def refresh_stats(self, post_id: int) -> None:
        """Recompute a post's word count and reading time; a no-op if the post is gone."""
        body = {{ cookiecutter.__await }}self.posts.get_body(post_id)
        if body is not None:
            {{ cookiecutter.__await }}self.posts.set_stats(post_id, *reading_stats(body))
