from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

{% if cookiecutter.use_auth %}
from ..auth.dependencies import CurrentUser
{% endif %}
from ..core.pagination import Page, Paginated
from ..core.routing import ResourceId, location
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
    request: Request,
    response: Response,
) -> Post:
    post = {{ cookiecutter.__await }}service.create(data, {{ "author.id" if cookiecutter.use_auth else "data.author_id" }})
    stats_jobs.enqueue(post.id)
    response.headers.update(location(request, "get_post", post_id=post.id))
    return post


@router.get("", response_model=Page[PostRead])
{{ cookiecutter.__async }}def list_posts(
    filters: Annotated[PostFilters, Query()], service: PostServiceDep
) -> Paginated[Post]:
    return {{ cookiecutter.__await }}service.list_page(filters)


@router.get("/{post_id}", response_model=PostRead)
{{ cookiecutter.__async }}def get_post(post_id: ResourceId, service: PostServiceDep) -> Post:
    return {{ cookiecutter.__await }}service.get(post_id)


@router.patch("/{post_id}", response_model=PostRead)
{{ cookiecutter.__async }}def update_post(
    post_id: ResourceId,
    data: PostUpdate,
{% if cookiecutter.use_auth %}
    actor: CurrentUser,
{% endif %}
    service: PostServiceDep,
    stats_jobs: PostStatsJobsDep,
) -> Post:
    post = {{ cookiecutter.__await }}service.update(post_id, data{{ ", actor" if cookiecutter.use_auth }})
    if data.body is not None:
        stats_jobs.enqueue(post.id)
    return post


@router.delete("/{post_id}", status_code=status.HTTP_204_NO_CONTENT, response_class=Response)
{% if cookiecutter.use_auth %}
{{ cookiecutter.__async }}def delete_post(post_id: ResourceId, actor: CurrentUser, service: PostServiceDep) -> None:
    {{ cookiecutter.__await }}service.delete(post_id, actor)
{% else %}
{{ cookiecutter.__async }}def delete_post(post_id: ResourceId, service: PostServiceDep) -> None:
    {{ cookiecutter.__await }}service.delete(post_id)
{% endif %}
