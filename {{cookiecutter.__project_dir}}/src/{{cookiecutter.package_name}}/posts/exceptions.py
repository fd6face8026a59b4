from ..core.exceptions import NotFoundError, UnprocessableContentError


class PostNotFoundError(NotFoundError):
    def __init__(self, post_id: int) -> None:
        super().__init__(f"Post {post_id} does not exist.")


class AuthorNotFoundError(UnprocessableContentError):
    def __init__(self, author_id: int) -> None:
        super().__init__(f"author_id {author_id} does not name an existing user.")
