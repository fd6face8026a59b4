from typing import Any, Self

{% if cookiecutter.use_auth %}
from ..auth.exceptions import WrongPasswordError
from ..auth.repository import RefreshTokenRepository
from ..auth.service import end_every_login
from ..core import security
{% endif %}
from ..core.effects import UnitOfWork
from ..core.pagination import PageParams, Paginated, paginated
from ..posts.repository import PostRepository
from .exceptions import (
    EmailAlreadyRegisteredError,
{% if cookiecutter.use_auth %}
    LastAdminError,
{% endif %}
    UserHasPostsError,
    UserNotFoundError,
)
from .models import User
from .repository import UserRepository
{% if cookiecutter.use_auth %}
from .schemas import ProfileUpdate, UserUpdate
{% else %}
from .schemas import UserCreate, UserUpdate
{% endif %}


class UserService:
{% if cookiecutter.use_auth %}
    def __init__(
        self, users: UserRepository, posts: PostRepository, tokens: RefreshTokenRepository
    ) -> None:
        self.users = users
        self.posts = posts
        self.tokens = tokens

    @classmethod
    def of(cls, work: UnitOfWork) -> Self:
        session = work.session
        return cls(
            UserRepository(session), PostRepository(session), RefreshTokenRepository(session)
        )
{% else %}
    def __init__(self, users: UserRepository, posts: PostRepository) -> None:
        self.users = users
        self.posts = posts

    @classmethod
    def of(cls, work: UnitOfWork) -> Self:
        return cls(UserRepository(work.session), PostRepository(work.session))

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

{% if cookiecutter.use_auth %}
    {{ cookiecutter.__async }}def update_profile(self, user: User, data: ProfileUpdate) -> User:
        """A user's change to their own profile; a new email needs the current password."""
        changes = data.model_dump(exclude_unset=True, exclude={"current_password"})
        if "email" in changes and (
            data.current_password is None
            or not security.verify_password(data.current_password, user.hashed_password)
        ):
            raise WrongPasswordError()
        return {{ cookiecutter.__await }}self._apply(user, changes)

    {{ cookiecutter.__async }}def update(self, user_id: int, data: UserUpdate) -> User:
        """An admin's change to any user. A new role or active flag ends the user's logins, and
        the last active admin stays an active admin."""
        user = {{ cookiecutter.__await }}self.get(user_id)
        changes = data.model_dump(exclude_unset=True)
        role, is_active = changes.get("role", user.role), changes.get("is_active", user.is_active)
        if (role, is_active) != (user.role, user.is_active):
            if role != "admin" or not is_active:
                {{ cookiecutter.__await }}self._ensure_not_last_admin(user)
            {{ cookiecutter.__await }}end_every_login(user, self.tokens)
        return {{ cookiecutter.__await }}self._apply(user, changes)

    {{ cookiecutter.__async }}def delete(self, user_id: int) -> None:
        user = {{ cookiecutter.__await }}self.get(user_id)
        {{ cookiecutter.__await }}self._ensure_not_last_admin(user)
        if {{ cookiecutter.__await }}self.posts.exists_by_author(user_id):
            raise UserHasPostsError(user_id)
        {{ cookiecutter.__await }}self.users.delete(user)

    {{ cookiecutter.__async }}def _ensure_not_last_admin(self, user: User) -> None:
        """Refuse what would leave the service without an active admin to manage it."""
        if user.role == "admin" and user.is_active:
            admin_ids = {{ cookiecutter.__await }}self.users.lock_active_admins()
            if list(admin_ids) == [user.id]:
                raise LastAdminError(user.id)
{% else %}
    {{ cookiecutter.__async }}def update(self, user_id: int, data: UserUpdate) -> User:
        user = {{ cookiecutter.__await }}self.get(user_id)
        return {{ cookiecutter.__await }}self._apply(user, data.model_dump(exclude_unset=True))

    {{ cookiecutter.__async }}def delete(self, user_id: int) -> None:
        user = {{ cookiecutter.__await }}self.get(user_id)
        if {{ cookiecutter.__await }}self.posts.exists_by_author(user_id):
            raise UserHasPostsError(user_id)
        {{ cookiecutter.__await }}self.users.delete(user)
{% endif %}

    {{ cookiecutter.__async }}def _apply(self, user: User, changes: dict[str, Any]) -> User:
        if "email" in changes and changes["email"] != user.email:
            {{ cookiecutter.__await }}self._ensure_email_is_free(changes["email"])
        for field, value in changes.items():
            setattr(user, field, value)
        {{ cookiecutter.__await }}self.users.flush()
        return user

    {{ cookiecutter.__async }}def _ensure_email_is_free(self, email: str) -> None:
        if {{ cookiecutter.__await }}self.users.get_by_email(email) is not None:
            raise EmailAlreadyRegisteredError(email)
