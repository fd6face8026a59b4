"""Who may read and who may change which posts. Published posts are public; a draft is shown to
its author and to admins, and to everyone else it does not exist (404), in lists and by id.
{{ "Only a post's author or an admin may change or delete it." if cookiecutter.use_auth else "Without authentication, any client may change any post." }}"""

from dataclasses import dataclass

{% if cookiecutter.use_auth %}
from ..users.models import User
from .exceptions import NotPostAuthorError
{% endif %}
from .models import Post
from .schemas import PostCreate


@dataclass(frozen=True)
class Reader:
    user_id: int | None = None
    sees_drafts: bool = False

    def can_read(self, post: Post) -> bool:
        return self.can_see(post.published, post.author_id)

    def can_see(self, published: bool, author_id: int) -> bool:
        """The same rule for what is known of a post without the post (the live feed's
        messages)."""
        return published or self.sees_drafts or author_id == self.user_id


{% if cookiecutter.use_auth %}
# A client that sends no token.
ANYONE = Reader()


def reader_of(user: User | None) -> Reader:
    if user is None:
        return ANYONE
    return Reader(user_id=user.id, sees_drafts=user.role == "admin")


@dataclass(frozen=True)
class Editor:
    """The signed-in user who writes: the author of the posts they create, and the editor of
    their own posts, or of any as an admin."""

    user: User

    @property
    def reader(self) -> Reader:
        return reader_of(self.user)

    def author_of(self, data: PostCreate) -> int:
        return self.user.id

    def ensure_can_edit(self, post: Post) -> None:
        if post.author_id != self.user.id and self.user.role != "admin":
            raise NotPostAuthorError(post.id)
{% else %}
# Without authentication there is no one to hide drafts from: every client reads them all.
ANYONE = Reader(sees_drafts=True)


@dataclass(frozen=True)
class Editor:
    """Any client: a new post names its author, and every post may be changed."""

    reader = ANYONE

    def author_of(self, data: PostCreate) -> int:
        return data.author_id

    def ensure_can_edit(self, post: Post) -> None:
        """Nobody is refused: the service has no authentication."""
{% endif %}
