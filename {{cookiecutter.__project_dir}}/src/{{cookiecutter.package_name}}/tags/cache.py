"""What of tags the cache holds, and the namespace that drops it."""

from ..core.pagination import PageParams
from ..core.response_cache import CacheKey

# Every page of the tag list.
TAG_LIST = "tags"


def tag_list_key(params: PageParams) -> CacheKey:
    return CacheKey(f"tags:limit={params.limit}:offset={params.offset}", (TAG_LIST,))
