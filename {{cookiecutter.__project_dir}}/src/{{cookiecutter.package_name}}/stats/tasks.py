"""The Celery tasks of stats."""

from ..core.celery_app import job_task
from ..jobs.tasks import TrackedJobTask
from .jobs import rebuild_stats

REBUILD_STATS = "stats.rebuild"

rebuild_stats_task = job_task(REBUILD_STATS, rebuild_stats, base=TrackedJobTask)
