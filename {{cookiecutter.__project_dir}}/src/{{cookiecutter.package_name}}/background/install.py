"""Jobs in this process: after the response, in tasks of the application's own (no broker)."""

from ..core.app import AppBuilder
from ..core.effects import JobQueue
from .queue import BackgroundJobQueue


def install_background_jobs(builder: AppBuilder) -> None:
    queue = BackgroundJobQueue(builder.resources)
    builder.resources.provide_default(JobQueue, lambda: queue)
    builder.add_lifespan(queue.running)
