"""Periodic clean-up of authentication data, run on the Celery worker by the beat schedule."""

from ..core.jobs import JobContext
from ..core.models import utc_now
from .repository import RefreshTokenRepository


{{ cookiecutter.__async }}def delete_expired_tokens(context: JobContext) -> int:
    """Remove the refresh tokens past their expiry; how many."""
    {{ cookiecutter.__async }}with context.session_factory.begin() as session:
        return {{ cookiecutter.__await }}RefreshTokenRepository(session).delete_expired(utc_now())
