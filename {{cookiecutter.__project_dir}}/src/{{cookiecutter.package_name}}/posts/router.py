from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from ..core.pagination import Page, Paginated
from ..core.response_cache import NOT_MODIFIED, IfNoneMatch, PrivateBody, ResponseCacheDep
from ..core.routing import ResourceId, location
from .access import ANYONE
from .cache import post_key
from .dependencies import EDITOR_ERRORS, EditorDep, PostServiceDep, ReaderDep
from .models import Post
from .schemas import PostCreate, PostPageQuery, PostRead, PostUpdate

router = APIRouter(prefix="/posts", tags=["posts"])
# The list by offset, apart: {{ "API v2 lists posts by cursor instead (router_v2.py)" if cookiecutter.api_versioning else "a later API version may list them otherwise" }}.
list_router = APIRouter(prefix="/posts", tags=["posts"])


@router.post("", status_code=status.HTTP_201_CREATED, response_model=PostRead)
{{ cookiecutter.__async }}def create_post(
    data: PostCreate,
    editor: EditorDep,
    service: PostServiceDep,
    request: Request,
    response: Response,
) -> Post:
    post = {{ cookiecutter.__await }}service.create(data, editor.author_of(data))
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
    response: Response,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """Served from the cache, where the service has one that holds the post (`X-Cache: hit`).
    With the ETag of the current version in If-None-Match: 304, without the body."""

    {{ cookiecutter.__async }}def render() -> bytes:
        post = {{ cookiecutter.__await }}service.get(post_id, reader)
        body = PostRead.model_validate(post).model_dump_json().encode()
        # Only what any client may read is kept for whoever asks next.
        return body if ANYONE.can_read(post) else PrivateBody(body)

    cached = {{ cookiecutter.__await }}cache.json_response(post_key(post_id), render, if_none_match)
    # FastAPI adds the headers that dependencies set (the reader's Vary) only to the responses it
    # renders itself.
    cached.headers.update(response.headers)
    return cached


@router.patch("/{post_id}", response_model=PostRead, responses=EDITOR_ERRORS)
{{ cookiecutter.__async }}def update_post(
    post_id: ResourceId,
    data: PostUpdate,
    editor: EditorDep,
    service: PostServiceDep,
) -> Post:
    return {{ cookiecutter.__await }}service.update(post_id, data, editor)


@router.delete(
    "/{post_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses=EDITOR_ERRORS,
)
{{ cookiecutter.__async }}def delete_post(
    post_id: ResourceId,
    editor: EditorDep,
    service: PostServiceDep,
) -> None:
    {{ cookiecutter.__await }}service.delete(post_id, editor)
