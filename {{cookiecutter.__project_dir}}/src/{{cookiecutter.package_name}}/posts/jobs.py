"""Work on posts that runs after the response, in sessions of its own (never the request's)."""

from ..core.jobs import JobContext
from ..tags.repository import TagRepository
from ..tags.service import TagService
from ..users.repository import UserRepository
{% if cookiecutter.use_redis %}
from .cache import post_namespace
{% endif %}
from .repository import PostRepository
from .service import PostService


{{ cookiecutter.__async }}def refresh_post_stats(context: JobContext, post_id: int) -> None:
    """Recompute a post's word count and reading time (a no-op once the post is gone)."""
    {{ cookiecutter.__async }}with context.session_factory.begin() as session:
        service = PostService(
            PostRepository(session), UserRepository(session), TagService(TagRepository(session))
        )
        {{ cookiecutter.__await }}service.refresh_stats(post_id)
{% if cookiecutter.use_redis %}
    # The stats are part of the post's details: drop the cached copy once they are committed.
    {{ cookiecutter.__await }}context.cache.invalidate([post_namespace(post_id)])
{% endif %}
{% if cookiecutter.use_celery %}


{{ cookiecutter.__async }}def refresh_all_stats(context: JobContext) -> int:
    """Recompute every post's stats; the number of posts."""
    {{ cookiecutter.__async }}with context.session_factory.begin() as session:
        post_ids = {{ cookiecutter.__await }}PostRepository(session).all_ids()
    for post_id in post_ids:
        {{ cookiecutter.__await }}refresh_post_stats(context, post_id)
    return len(post_ids)
{% if not cookiecutter.use_auth %}


{{ cookiecutter.__async }}def refresh_missing_stats(context: JobContext) -> int:
    """Compute the stats of the posts that have none yet (the beat schedule's periodic task)."""
    {{ cookiecutter.__async }}with context.session_factory.begin() as session:
        post_ids = {{ cookiecutter.__await }}PostRepository(session).ids_without_stats()
    for post_id in post_ids:
        {{ cookiecutter.__await }}refresh_post_stats(context, post_id)
    return len(post_ids)
{% endif %}
{% endif %}
