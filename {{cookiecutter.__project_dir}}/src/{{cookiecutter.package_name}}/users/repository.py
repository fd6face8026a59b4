from collections.abc import Sequence

from sqlalchemy import select

from ..core.pagination import PageParams, count_of, window_of
from ..core.repository import Repository
from .models import User


class UserRepository(Repository):
    {{ cookiecutter.__async }}def get(self, user_id: int) -> User | None:
        return {{ cookiecutter.__await }}self.session.get(User, user_id)

    {{ cookiecutter.__async }}def get_by_email(self, email: str) -> User | None:
        return {{ cookiecutter.__await }}self.session.scalar(select(User).where(User.email == email))

{% if cookiecutter.use_auth %}
    {{ cookiecutter.__async }}def lock_active_admins(self) -> Sequence[int]:
        """The ids of the active admins, their rows locked until the transaction ends (on
        PostgreSQL; SQLite writes one transaction at a time): two admins demoting each other at
        once cannot both see the other as the admin that remains."""
        statement = select(User.id).where(User.role == "admin", User.is_active).with_for_update()
        result = {{ cookiecutter.__await }}self.session.scalars(statement)
        return result.all()

{% endif %}
    {{ cookiecutter.__async }}def list_page(self, params: PageParams) -> tuple[Sequence[User], int]:
        statement = select(User)
        total = {{ cookiecutter.__await }}self.session.scalar(count_of(statement))
        result = {{ cookiecutter.__await }}self.session.scalars(window_of(statement.order_by(User.id), params))
        return result.all(), total or 0
