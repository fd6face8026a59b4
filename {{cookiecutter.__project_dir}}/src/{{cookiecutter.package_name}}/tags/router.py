from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from ..core.pagination import Page, PageQuery
from ..core.response_cache import NOT_MODIFIED, IfNoneMatch, ResponseCacheDep
from ..core.routing import ResourceId, location
from .cache import tag_list_key
from .dependencies import CREATORS, EDITORS, TagServiceDep
from .models import Tag
from .schemas import TagCreate, TagRead, TagUpdate

router = APIRouter(prefix="/tags", tags=["tags"])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=TagRead,
    dependencies=CREATORS,
)
{{ cookiecutter.__async }}def create_tag(
    data: TagCreate,
    service: TagServiceDep,
    request: Request,
    response: Response,
) -> Tag:
    tag = {{ cookiecutter.__await }}service.create(data)
    response.headers.update(location(request, "get_tag", tag_id=tag.id))
    return tag


@router.get("", response_model=Page[TagRead], responses=NOT_MODIFIED)
{{ cookiecutter.__async }}def list_tags(
    params: PageQuery,
    service: TagServiceDep,
    cache: ResponseCacheDep,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """Served from the cache, where the service has one that holds the page (`X-Cache: hit`).
    With the ETag of the current page in If-None-Match: 304, without the body."""

    {{ cookiecutter.__async }}def render() -> bytes:
        page = {{ cookiecutter.__await }}service.list_page(params)
        return Page[TagRead].model_validate(page).model_dump_json().encode()

    return {{ cookiecutter.__await }}cache.json_response(tag_list_key(params), render, if_none_match)


@router.get("/{tag_id}", response_model=TagRead)
{{ cookiecutter.__async }}def get_tag(tag_id: ResourceId, service: TagServiceDep) -> Tag:
    return {{ cookiecutter.__await }}service.get(tag_id)


@router.patch("/{tag_id}", response_model=TagRead, dependencies=EDITORS)
{{ cookiecutter.__async }}def update_tag(tag_id: ResourceId, data: TagUpdate, service: TagServiceDep) -> Tag:
    return {{ cookiecutter.__await }}service.update(tag_id, data)


@router.delete(
    "/{tag_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    dependencies=EDITORS,
)
{{ cookiecutter.__async }}def delete_tag(
    tag_id: ResourceId,
    service: TagServiceDep,
    detach: Annotated[
        bool,
        Query(description="Also remove the tag from the posts that carry it (else 409)."),
    ] = False,
) -> None:
    {{ cookiecutter.__await }}service.delete(tag_id, detach=detach)
