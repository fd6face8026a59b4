"""The Celery tasks of auth."""

from ..core.celery_app import job_task
from .jobs import delete_expired_tokens

# Sent by the beat schedule (core/celery_app.py).
delete_expired_tokens_task = job_task("auth.delete_expired_tokens", delete_expired_tokens)
