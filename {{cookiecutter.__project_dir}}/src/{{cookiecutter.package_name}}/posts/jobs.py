"""Work on posts that runs after the response, in sessions of its own (never the request's)."""

from datetime import timedelta

from ..core.jobs import JobContext, job
from .repository import PostRepository
from .service import REFRESH_STATS, PostService

# How often the sweep looks for posts whose stats job never succeeded.
STATS_SWEEP_INTERVAL = timedelta(minutes=10)


@job(REFRESH_STATS)
{{ cookiecutter.__async }}def refresh_post_stats(context: JobContext, post_id: int) -> None:
    """Recompute a post's word count and reading time (a no-op once the post is gone)."""
    {{ cookiecutter.__async }}with context.unit_of_work() as work:
        {{ cookiecutter.__await }}PostService.of(work).refresh_stats(post_id)
{% if cookiecutter.use_celery %}


{{ cookiecutter.__async }}def refresh_all_stats(context: JobContext) -> int:
    """Recompute every post's stats; the number of posts."""
    {{ cookiecutter.__async }}with context.unit_of_work() as work:
        post_ids = {{ cookiecutter.__await }}PostRepository(work.session).all_ids()
    for post_id in post_ids:
        {{ cookiecutter.__await }}refresh_post_stats(context, post_id)
    return len(post_ids)
{% endif %}


@job("posts.refresh_missing_stats", every=STATS_SWEEP_INTERVAL)
{{ cookiecutter.__async }}def refresh_missing_stats(context: JobContext) -> int:
    """The sweep: compute the stats of the posts that have none, new or edited, whose job the
    last commit could not send or that failed for good (the stats of an edited post are cleared
    with the edit, so none stay stale). The number of posts repaired."""
    {{ cookiecutter.__async }}with context.unit_of_work() as work:
        post_ids = {{ cookiecutter.__await }}PostRepository(work.session).ids_without_stats()
    for post_id in post_ids:
        {{ cookiecutter.__await }}refresh_post_stats(context, post_id)
    return len(post_ids)
