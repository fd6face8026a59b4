"""What of tags the cache holds, and the namespace that drops it."""

from ..core.cache import CacheKey
from ..core.pagination import PageParams

# Every page of the tag list.
TAG_LIST = "tags"


def tag_list_key(params: PageParams) -> CacheKey:
    return CacheKey(f"tags:limit={params.limit}:offset={params.offset}", (TAG_LIST,))
