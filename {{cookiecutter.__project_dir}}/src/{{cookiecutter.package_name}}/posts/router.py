from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

{% if cookiecutter.use_auth %}
from ..auth.dependencies import CurrentUser
{% endif %}
from ..core.pagination import Page, Paginated
from ..core.response_cache import ResponseCacheDep
from ..core.routing import ResourceId, location
from .cache import post_key
from .dependencies import PostServiceDep
from .models import Post
from .schemas import PostCreate, PostPageQuery, PostRead, PostUpdate

router = APIRouter(prefix="/posts", tags=["posts"])
# The list by offset, apart: {{ "API v2 lists posts by cursor instead (router_v2.py)" if cookiecutter.api_versioning else "a later API version may list them otherwise" }}.
list_router = APIRouter(prefix="/posts", tags=["posts"])


@router.post("", status_code=status.HTTP_201_CREATED, response_model=PostRead)
{{ cookiecutter.__async }}def create_post(
    data: PostCreate,
{% if cookiecutter.use_auth %}
    author: CurrentUser,
{% endif %}
    service: PostServiceDep,
    request: Request,
    response: Response,
) -> Post:
    post = {{ cookiecutter.__await }}service.create(data, {{ "author.id" if cookiecutter.use_auth else "data.author_id" }})
    response.headers.update(location(request, "get_post", post_id=post.id))
    return post


@list_router.get("", response_model=Page[PostRead])
{{ cookiecutter.__async }}def list_posts(
    query: Annotated[PostPageQuery, Query()],
    service: PostServiceDep,
) -> Paginated[Post]:
    return {{ cookiecutter.__await }}service.list_page(query)


@router.get("/{post_id}", response_model=PostRead)
{{ cookiecutter.__async }}def get_post(
    post_id: ResourceId,
    service: PostServiceDep,
    cache: ResponseCacheDep,
) -> Response:
    """Served from the cache, where the service has one that holds the post (`X-Cache: hit`)."""

    {{ cookiecutter.__async }}def render() -> bytes:
        post = {{ cookiecutter.__await }}service.get(post_id)
        return PostRead.model_validate(post).model_dump_json().encode()

    return {{ cookiecutter.__await }}cache.json_response(post_key(post_id), render)


@router.patch("/{post_id}", response_model=PostRead)
{{ cookiecutter.__async }}def update_post(
    post_id: ResourceId,
    data: PostUpdate,
{% if cookiecutter.use_auth %}
    actor: CurrentUser,
{% endif %}
    service: PostServiceDep,
) -> Post:
    return {{ cookiecutter.__await }}service.update(post_id, data{{ ", actor" if cookiecutter.use_auth }})


@router.delete("/{post_id}", status_code=status.HTTP_204_NO_CONTENT, response_class=Response)
{{ cookiecutter.__async }}def delete_post(
    post_id: ResourceId,
{% if cookiecutter.use_auth %}
    actor: CurrentUser,
{% endif %}
    service: PostServiceDep,
) -> None:
    {{ cookiecutter.__await }}service.delete(post_id{{ ", actor" if cookiecutter.use_auth }})
