from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

{% if cookiecutter.use_auth %}
from ..auth.dependencies import CurrentUser
from ..core.openapi import error_responses
{% endif %}
from ..core.pagination import Page, Paginated
from ..core.response_cache import NOT_MODIFIED, IfNoneMatch, PrivateBody, ResponseCacheDep
from ..core.routing import ResourceId, location
from .cache import post_key
from .dependencies import PostServiceDep, ReaderDep
{% if cookiecutter.use_auth %}
from .exceptions import NotPostAuthorError
{% endif %}
from .models import Post
from .schemas import PostCreate, PostPageQuery, PostRead, PostUpdate
from .visibility import ANYONE

router = APIRouter(prefix="/posts", tags=["posts"])
# The list by offset, apart: {{ "API v2 lists posts by cursor instead (router_v2.py)" if cookiecutter.api_versioning else "a later API version may list them otherwise" }}.
list_router = APIRouter(prefix="/posts", tags=["posts"])
{% if cookiecutter.use_auth %}
# Only its author or an admin may change or delete a post.
AUTHOR_OR_ADMIN = error_responses(NotPostAuthorError)
{% endif %}


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
    reader: ReaderDep,
    service: PostServiceDep,
) -> Paginated[Post]:
    return {{ cookiecutter.__await }}service.list_page(query, reader)


@router.get("/{post_id}", response_model=PostRead, responses=NOT_MODIFIED)
{{ cookiecutter.__async }}def get_post(
    post_id: ResourceId,
    reader: ReaderDep,
    service: PostServiceDep,
    cache: ResponseCacheDep,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """Served from the cache, where the service has one that holds the post (`X-Cache: hit`).
    With the ETag of the current version in If-None-Match: 304, without the body."""

    {{ cookiecutter.__async }}def render() -> bytes:
        post = {{ cookiecutter.__await }}service.get(post_id, reader)
        body = PostRead.model_validate(post).model_dump_json().encode()
        # Only what any client may read is kept for whoever asks next.
        return body if ANYONE.can_read(post) else PrivateBody(body)

{% if cookiecutter.use_auth %}
    response = {{ cookiecutter.__await }}cache.json_response(post_key(post_id), render, if_none_match)
    # Whether a draft is found depends on who asks: no cache may answer one reader for another.
    response.headers["Vary"] = "Authorization"
    return response
{% else %}
    return {{ cookiecutter.__await }}cache.json_response(post_key(post_id), render, if_none_match)
{% endif %}


@router.patch("/{post_id}", response_model=PostRead{{ ", responses=AUTHOR_OR_ADMIN" if cookiecutter.use_auth }})
{{ cookiecutter.__async }}def update_post(
    post_id: ResourceId,
    data: PostUpdate,
{% if cookiecutter.use_auth %}
    actor: CurrentUser,
{% endif %}
    service: PostServiceDep,
) -> Post:
    return {{ cookiecutter.__await }}service.update(post_id, data{{ ", actor" if cookiecutter.use_auth }})


@router.delete(
    "/{post_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
{% if cookiecutter.use_auth %}
    responses=AUTHOR_OR_ADMIN,
{% endif %}
)
{{ cookiecutter.__async }}def delete_post(
    post_id: ResourceId,
{% if cookiecutter.use_auth %}
    actor: CurrentUser,
{% endif %}
    service: PostServiceDep,
) -> None:
    {{ cookiecutter.__await }}service.delete(post_id{{ ", actor" if cookiecutter.use_auth }})
