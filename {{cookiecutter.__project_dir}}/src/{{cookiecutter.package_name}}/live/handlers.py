"""What the live feed makes of the posts' events: a message built in the transaction, from the
post as it was written, and published once the transaction has committed."""

from functools import partial

from sqlalchemy import inspect
{% if cookiecutter.orm_mode == "async" %}
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload
{% else %}
from sqlalchemy.orm import Session, selectinload
{% endif %}

from ..core.effects import EffectHandlers, Effects
from ..posts.events import PostCreated, PostDeleted, PostUpdated
from ..posts.models import Post
from .feed import LiveFeed
from .messages import PostChange


{{ cookiecutter.__async }}def written_post(session: {{ cookiecutter.__session }}, post_id: int) -> Post | None:
    """The post with its tags: from the session's identity map when the service has it there (it
    has just written it), else loaded (the stats job writes without loading it)."""
    post = {{ cookiecutter.__await }}session.get(Post, post_id, options=[selectinload(Post.tags)])
    if post is not None and "tags" in inspect(post).unloaded:
        {{ cookiecutter.__await }}session.refresh(post, ["tags"])
    return post


def register_live_feed(handlers: EffectHandlers, feed: LiveFeed) -> None:
    {{ cookiecutter.__async }}def post_written(event: PostCreated | PostUpdated, effects: Effects) -> None:
        if not feed.wanted:
            return
        post = {{ cookiecutter.__await }}written_post(effects.session, event.post_id)
        if post is None:
            return
        change = PostChange.saved("created" if isinstance(event, PostCreated) else "updated", post)
        effects.after_commit(partial(feed.publish, change))

    {{ cookiecutter.__async }}def post_deleted(event: PostDeleted, effects: Effects) -> None:
        if feed.wanted:
            effects.after_commit(partial(feed.publish, PostChange.deleted(event)))

    handlers.on(PostCreated, post_written)
    handlers.on(PostUpdated, post_written)
    handlers.on(PostDeleted, post_deleted)
