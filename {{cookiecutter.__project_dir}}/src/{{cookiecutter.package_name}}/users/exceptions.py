from ..core.exceptions import ConflictError, NotFoundError


class UserNotFoundError(NotFoundError):
    def __init__(self, user_id: int) -> None:
        super().__init__(f"User {user_id} does not exist.")


class EmailAlreadyRegisteredError(ConflictError):
    def __init__(self, email: str) -> None:
        super().__init__(f"A user with email {email!r} already exists.")


class UserHasPostsError(ConflictError):
    def __init__(self, user_id: int) -> None:
        super().__init__(f"User {user_id} still has posts: delete them first.")
{% if cookiecutter.use_auth %}


class LastAdminError(ConflictError):
    def __init__(self, user_id: int) -> None:
        super().__init__(
            f"User {user_id} is the last active admin: make another user an admin first."
        )
{% endif %}
