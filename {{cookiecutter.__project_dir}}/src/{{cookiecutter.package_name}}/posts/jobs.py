"""Work on posts that runs after the response, in sessions of its own (never the request's)."""
{% if cookiecutter.use_celery %}

from datetime import timedelta
{% endif %}

from ..core.jobs import JobContext, job
{% if cookiecutter.use_celery %}
from .repository import PostRepository
{% endif %}
from .service import REFRESH_STATS, PostService


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


@job("posts.refresh_missing_stats", every=timedelta(minutes=10))
{{ cookiecutter.__async }}def refresh_missing_stats(context: JobContext) -> int:
    """Compute the stats of the posts that have none yet (a job the last commit could not send,
    or one that failed for good)."""
    {{ cookiecutter.__async }}with context.unit_of_work() as work:
        post_ids = {{ cookiecutter.__await }}PostRepository(work.session).ids_without_stats()
    for post_id in post_ids:
        {{ cookiecutter.__await }}refresh_post_stats(context, post_id)
    return len(post_ids)
{% endif %}
