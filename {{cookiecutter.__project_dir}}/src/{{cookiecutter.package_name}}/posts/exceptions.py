{% if cookiecutter.use_auth %}
from ..core.exceptions import ForbiddenError, NotFoundError, UnprocessableContentError
{% else %}
from ..core.exceptions import NotFoundError, UnprocessableContentError
{% endif %}


class PostNotFoundError(NotFoundError):
    def __init__(self, post_id: int) -> None:
        super().__init__(f"Post {post_id} does not exist.")


class AuthorNotFoundError(UnprocessableContentError):
    def __init__(self, author_id: int) -> None:
        super().__init__(f"author_id {author_id} does not name an existing user.")
{% if cookiecutter.use_auth %}


class NotPostAuthorError(ForbiddenError):
    def __init__(self, post_id: int) -> None:
        super().__init__(f"Only the author of post {post_id} or an admin may change it.")
{% endif %}
