"""Celery retries what a database outage does to a job, and beat runs the stats sweep."""

from typing import Any

import pytest

from {{ cookiecutter.package_name }}.core.exceptions import DatabaseUnavailableError
from {{ cookiecutter.package_name }}.posts.service import REFRESH_STATS
from {{ cookiecutter.package_name }}.worker import celery_app as worker_module
from {{ cookiecutter.package_name }}.worker.celery_app import MAX_RETRIES, celery_app


class DatabaseAway:
    """A worker whose every job meets a database outage."""

    def __init__(self) -> None:
        self.attempts = 0

    def run(self, name: str, *args: Any) -> Any:
        self.attempts += 1
        raise DatabaseUnavailableError


def test_a_job_that_meets_a_database_outage_is_retried(monkeypatch: pytest.MonkeyPatch) -> None:
    worker = DatabaseAway()
    monkeypatch.setattr(worker_module, "worker", worker)

    # Run in this process (eagerly): Celery's retries follow at once instead of after backoff.
    result = celery_app.tasks[REFRESH_STATS].apply(args=(1,))

    assert worker.attempts == MAX_RETRIES + 1
    assert isinstance(result.result, DatabaseUnavailableError)


def test_beat_runs_the_stats_sweep() -> None:
    schedule = celery_app.conf.beat_schedule

    assert schedule["posts.refresh_missing_stats"]["task"] == "posts.refresh_missing_stats"
