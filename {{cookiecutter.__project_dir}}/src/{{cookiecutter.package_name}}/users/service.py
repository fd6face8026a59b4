from typing import Self

from ..core.effects import UnitOfWork
from ..core.pagination import PageParams, Paginated, paginated
from ..posts.repository import PostRepository
from .exceptions import (
    EmailAlreadyRegisteredError,
    UserHasPostsError,
    UserNotFoundError,
)
from .models import User
from .repository import UserRepository
{% if cookiecutter.use_auth %}
from .schemas import ProfileUpdate
{% else %}
from .schemas import UserCreate, UserUpdate
{% endif %}


class UserService:
    def __init__(self, users: UserRepository, posts: PostRepository) -> None:
        self.users = users
        self.posts = posts

    @classmethod
    def of(cls, work: UnitOfWork) -> Self:
        return cls(UserRepository(work.session), PostRepository(work.session))

{% if not cookiecutter.use_auth %}
    {{ cookiecutter.__async }}def create(self, data: UserCreate) -> User:
        {{ cookiecutter.__await }}self._ensure_email_is_free(data.email)
        user = User(**data.model_dump())
        {{ cookiecutter.__await }}self.users.add(user)
        return user

{% endif %}
    {{ cookiecutter.__async }}def get(self, user_id: int) -> User:
        user = {{ cookiecutter.__await }}self.users.get(user_id)
        if user is None:
            raise UserNotFoundError(user_id)
        return user

    {{ cookiecutter.__async }}def list_page(self, params: PageParams) -> Paginated[User]:
        users, total = {{ cookiecutter.__await }}self.users.list_page(params)
        return paginated(users, total, params)

    {{ cookiecutter.__async }}def update(self, user_id: int, data: {{ "ProfileUpdate" if cookiecutter.use_auth else "UserUpdate" }}) -> User:
        user = {{ cookiecutter.__await }}self.get(user_id)
        changes = data.model_dump(exclude_unset=True)
        if "email" in changes and changes["email"] != user.email:
            {{ cookiecutter.__await }}self._ensure_email_is_free(changes["email"])
        for field, value in changes.items():
            setattr(user, field, value)
        {{ cookiecutter.__await }}self.users.flush()
        return user

    {{ cookiecutter.__async }}def delete(self, user_id: int) -> None:
        user = {{ cookiecutter.__await }}self.get(user_id)
        if {{ cookiecutter.__await }}self.posts.exists_by_author(user_id):
            raise UserHasPostsError(user_id)
        {{ cookiecutter.__await }}self.users.delete(user)

    {{ cookiecutter.__async }}def _ensure_email_is_free(self, email: str) -> None:
        if {{ cookiecutter.__await }}self.users.get_by_email(email) is not None:
            raise EmailAlreadyRegisteredError(email)
