from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

{% if cookiecutter.use_auth %}
from ..auth.dependencies import CurrentUser
{% endif %}
{% if cookiecutter.use_redis %}
from ..core.cache import CacheDep
{% endif %}
from ..core.pagination import Page, Paginated
from ..core.routing import ResourceId, location
{% if cookiecutter.use_redis %}
from ..tags.cache import TAG_LIST
from .cache import post_key, post_namespace
{% endif %}
from .dependencies import PostServiceDep, PostStatsJobsDep
from .models import Post
from .schemas import PostCreate, PostFilters, PostRead, PostUpdate

router = APIRouter(prefix="/posts", tags=["posts"])


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


@router.get("", response_model=Page[PostRead])
{{ cookiecutter.__async }}def list_posts(
    filters: Annotated[PostFilters, Query()], service: PostServiceDep
) -> Paginated[Post]:
    return {{ cookiecutter.__await }}service.list_page(filters)


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
