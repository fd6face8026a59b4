"""What of posts the cache holds, and the namespaces that drop it."""

from ..core.response_cache import CacheKey

# Every post's details: tags are part of them, so renaming or deleting a tag drops them all.
ALL_POSTS = "posts"


def post_namespace(post_id: int) -> str:
    return f"post:{post_id}"


def post_key(post_id: int) -> CacheKey:
    return CacheKey(f"post:{post_id}", (ALL_POSTS, post_namespace(post_id)))
