"""What each change drops from the cache: the namespaces of the responses it made stale."""

from functools import partial

from ..core.effects import EffectHandlers, Effects
from ..posts.cache import ALL_POSTS, post_namespace
from ..posts.events import PostDeleted, PostUpdated, TaggedPostsChanged
from ..tags.cache import TAG_LIST
from ..tags.events import TagListChanged
from .cache import Cache


def register_invalidations(handlers: EffectHandlers, cache: Cache) -> None:
    def drop_after_commit(effects: Effects, *namespaces: str) -> None:
        effects.after_commit(partial(cache.invalidate, namespaces))

    {{ cookiecutter.__async }}def post_changed(event: PostUpdated | PostDeleted, effects: Effects) -> None:
        drop_after_commit(effects, post_namespace(event.post_id))

    {{ cookiecutter.__async }}def tagged_posts_changed(_: TaggedPostsChanged, effects: Effects) -> None:
        # The cache cannot tell which posts carry the tag: it drops them all.
        drop_after_commit(effects, ALL_POSTS)

    {{ cookiecutter.__async }}def tag_list_changed(_: TagListChanged, effects: Effects) -> None:
        drop_after_commit(effects, TAG_LIST)

    handlers.on(PostUpdated, post_changed)
    handlers.on(PostDeleted, post_changed)
    handlers.on(TaggedPostsChanged, tagged_posts_changed)
    handlers.on(TagListChanged, tag_list_changed)
