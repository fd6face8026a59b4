"""Periodic clean-up of authentication data, run on the Celery worker by the beat schedule."""

from datetime import timedelta

from ..core.jobs import JobContext, job
from ..core.models import utc_now
from .repository import RefreshTokenRepository


@job("auth.delete_expired_tokens", every=timedelta(hours=1))
{{ cookiecutter.__async }}def delete_expired_tokens(context: JobContext) -> int:
    """Remove the refresh tokens past their expiry; how many."""
    {{ cookiecutter.__async }}with context.unit_of_work() as work:
        return {{ cookiecutter.__await }}RefreshTokenRepository(work.session).delete_expired(utc_now())
