"""The Celery tasks of posts: each runs a job of posts/jobs.py on the worker."""

from ..core.celery_app import job_task
{% if cookiecutter.use_auth %}
from .jobs import refresh_post_stats
{% else %}
from .jobs import refresh_missing_stats, refresh_post_stats
{% endif %}

refresh_post_stats_task = job_task("posts.refresh_stats", refresh_post_stats)
{% if not cookiecutter.use_auth %}
# Sent by the beat schedule (core/celery_app.py).
refresh_missing_stats_task = job_task("posts.refresh_missing_stats", refresh_missing_stats)
{% endif %}
