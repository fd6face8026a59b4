from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

{% if cookiecutter.use_auth %}
from ..auth.dependencies import CurrentUser
{% endif %}
{% if cookiecutter.use_redis %}
from ..core.cache import CacheDep
{% endif %}
{% if cookiecutter.api_versioning %}
from ..core.cursor_pagination import CursorPage, CursorPaginated, CursorsDep
{% endif %}
from ..core.pagination import Page, Paginated
from ..core.routing import ResourceId, location
{% if cookiecutter.use_redis %}
from ..tags.cache import TAG_LIST
from .cache import post_key, post_namespace
{% endif %}
from .dependencies import PostServiceDep, PostStatsJobsDep
from .models import Post
{% if cookiecutter.api_versioning %}
from .schemas import PostCreate, PostCursorQuery, PostPageQuery, PostRead, PostUpdate

# The endpoints every API version serves alike.
router = APIRouter(prefix="/posts", tags=["posts"])
# The post list is where the versions differ: v1 includes one of these, v2 the other.
offset_list_router = APIRouter(prefix="/posts", tags=["posts"])
cursor_list_router = APIRouter(prefix="/posts", tags=["posts"])
{% else %}
from .schemas import PostCreate, PostPageQuery, PostRead, PostUpdate

router = APIRouter(prefix="/posts", tags=["posts"])
{% endif %}


@router.post("", status_code=status.HTTP_201_CREATED, response_model=PostRead)
{{ cookiecutter.__async }}def create_post(
    data: PostCreate,
{% if cookiecutter.use_auth %}
    author: CurrentUser,
{% endif %}
    service: PostServiceDep,
    stats_jobs: PostStatsJobsDep,
{% if cookiecutter.use_redis %}
    cache: CacheDep,
{% endif %}
    request: Request,
    response: Response,
) -> Post:
    post = {{ cookiecutter.__await }}service.create(data, {{ "author.id" if cookiecutter.use_auth else "data.author_id" }})
    {{ cookiecutter.__await if cookiecutter.use_celery }}stats_jobs.enqueue(post.id)
{% if cookiecutter.use_redis %}
    if data.tags:
        # The post may have created tags.
        cache.invalidate_after_commit(TAG_LIST)
{% endif %}
    response.headers.update(location(request, "get_post", post_id=post.id))
    return post


@{{ "offset_list_router" if cookiecutter.api_versioning else "router" }}.get("", response_model=Page[PostRead])
{{ cookiecutter.__async }}def list_posts(
    query: Annotated[PostPageQuery, Query()], service: PostServiceDep
) -> Paginated[Post]:
    return {{ cookiecutter.__await }}service.list_page(query)
{% if cookiecutter.api_versioning %}


@cursor_list_router.get("", response_model=CursorPage[PostRead])
{{ cookiecutter.__async }}def list_posts_by_cursor(
    query: Annotated[PostCursorQuery, Query()], service: PostServiceDep, cursors: CursorsDep
) -> CursorPaginated[Post]:
    """Newest first; pass each page's `next_cursor` back to get the next one."""
    return {{ cookiecutter.__await }}service.list_by_cursor(query, cursors)
{% endif %}


@router.get("/{post_id}", response_model=PostRead)
{% if cookiecutter.use_redis %}
{{ cookiecutter.__async }}def get_post(post_id: ResourceId, service: PostServiceDep, cache: CacheDep) -> Response:
    """Served from the cache when it has the post (`X-Cache: hit`)."""

    {{ cookiecutter.__async }}def render() -> bytes:
        post = {{ cookiecutter.__await }}service.get(post_id)
        return PostRead.model_validate(post).model_dump_json().encode()

    return {{ cookiecutter.__await }}cache.json_response(post_key(post_id), render)
{% else %}
{{ cookiecutter.__async }}def get_post(post_id: ResourceId, service: PostServiceDep) -> Post:
    return {{ cookiecutter.__await }}service.get(post_id)
{% endif %}


@router.patch("/{post_id}", response_model=PostRead)
{{ cookiecutter.__async }}def update_post(
    post_id: ResourceId,
    data: PostUpdate,
{% if cookiecutter.use_auth %}
    actor: CurrentUser,
{% endif %}
    service: PostServiceDep,
    stats_jobs: PostStatsJobsDep,
{% if cookiecutter.use_redis %}
    cache: CacheDep,
{% endif %}
) -> Post:
    post = {{ cookiecutter.__await }}service.update(post_id, data{{ ", actor" if cookiecutter.use_auth }})
    if data.body is not None:
        {{ cookiecutter.__await if cookiecutter.use_celery }}stats_jobs.enqueue(post.id)
{% if cookiecutter.use_redis %}
    cache.invalidate_after_commit(post_namespace(post.id))
    if data.tags is not None:
        cache.invalidate_after_commit(TAG_LIST)
{% endif %}
    return post


@router.delete("/{post_id}", status_code=status.HTTP_204_NO_CONTENT, response_class=Response)
{% if cookiecutter.use_auth and cookiecutter.use_redis %}
{{ cookiecutter.__async }}def delete_post(
    post_id: ResourceId, actor: CurrentUser, service: PostServiceDep, cache: CacheDep
) -> None:
    {{ cookiecutter.__await }}service.delete(post_id, actor)
    cache.invalidate_after_commit(post_namespace(post_id))
{% elif cookiecutter.use_auth %}
{{ cookiecutter.__async }}def delete_post(post_id: ResourceId, actor: CurrentUser, service: PostServiceDep) -> None:
    {{ cookiecutter.__await }}service.delete(post_id, actor)
{% elif cookiecutter.use_redis %}
{{ cookiecutter.__async }}def delete_post(post_id: ResourceId, service: PostServiceDep, cache: CacheDep) -> None:
    {{ cookiecutter.__await }}service.delete(post_id)
    cache.invalidate_after_commit(post_namespace(post_id))
{% else %}
{{ cookiecutter.__async }}def delete_post(post_id: ResourceId, service: PostServiceDep) -> None:
    {{ cookiecutter.__await }}service.delete(post_id)
{% endif %}
