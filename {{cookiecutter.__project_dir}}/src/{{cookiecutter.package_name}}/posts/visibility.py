"""Who may read which posts. Published posts are public; a draft is shown to its author and to
admins, and to everyone else it does not exist (404), in lists and by id."""

from dataclasses import dataclass

{% if cookiecutter.use_auth %}
from ..users.models import User
{% endif %}
from .models import Post


@dataclass(frozen=True)
class Reader:
    user_id: int | None = None
    sees_drafts: bool = False

    def can_read(self, post: Post) -> bool:
        return post.published or self.sees_drafts or post.author_id == self.user_id


{% if cookiecutter.use_auth %}
# A client that sends no token.
ANYONE = Reader()


def reader_of(user: User | None) -> Reader:
    if user is None:
        return ANYONE
    return Reader(user_id=user.id, sees_drafts=user.role == "admin")
{% else %}
# Without authentication there is no one to hide drafts from: every client reads them all.
ANYONE = Reader(sees_drafts=True)
{% endif %}
