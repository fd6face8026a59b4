from datetime import datetime

from sqlalchemy import delete, select, update

from ..core.repository import Repository
from .models import RefreshToken


class RefreshTokenRepository(Repository):
    {{ cookiecutter.__async }}def get_by_hash(self, token_hash: str) -> RefreshToken | None:
        statement = select(RefreshToken).where(RefreshToken.token_hash == token_hash)
        return {{ cookiecutter.__await }}self.session.scalar(statement)

    {{ cookiecutter.__async }}def revoke_family(self, family_id: str) -> None:
        statement = (
            update(RefreshToken).where(RefreshToken.family_id == family_id).values(revoked=True)
        )
        {{ cookiecutter.__await }}self.session.execute(statement)

    {{ cookiecutter.__async }}def delete_for_user(self, user_id: int) -> None:
        {{ cookiecutter.__await }}self.session.execute(delete(RefreshToken).where(RefreshToken.user_id == user_id))

    {{ cookiecutter.__async }}def delete_expired(self, now: datetime) -> int:
        statement = (
            delete(RefreshToken).where(RefreshToken.expires_at < now).returning(RefreshToken.id)
        )
        result = {{ cookiecutter.__await }}self.session.scalars(statement)
        return len(result.all())
