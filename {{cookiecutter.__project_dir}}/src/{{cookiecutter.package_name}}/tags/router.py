{% if cookiecutter.use_auth %}
from fastapi import APIRouter, Depends, Request, Response, status
{% else %}
from fastapi import APIRouter, Request, Response, status
{% endif %}

{% if cookiecutter.use_auth %}
from ..auth.dependencies import get_current_user
{% endif %}
{% if cookiecutter.use_redis %}
from ..core.cache import CacheDep
from ..core.pagination import Page, PageQuery
from ..core.routing import ResourceId, location
from ..posts.cache import ALL_POSTS
from .cache import TAG_LIST, tag_list_key
{% else %}
from ..core.pagination import Page, PageQuery, Paginated
from ..core.routing import ResourceId, location
{% endif %}
from .dependencies import TagServiceDep
from .models import Tag
from .schemas import TagCreate, TagRead, TagUpdate

router = APIRouter(prefix="/tags", tags=["tags"])
{% if cookiecutter.use_auth %}
# Reading is public; every write needs a signed-in user.
SIGNED_IN = [Depends(get_current_user)]
{% endif %}


{% if cookiecutter.use_auth %}
@router.post(
    "", status_code=status.HTTP_201_CREATED, response_model=TagRead, dependencies=SIGNED_IN
)
{% else %}
@router.post("", status_code=status.HTTP_201_CREATED, response_model=TagRead)
{% endif %}
{% if cookiecutter.use_redis %}
{{ cookiecutter.__async }}def create_tag(
    data: TagCreate, service: TagServiceDep, cache: CacheDep, request: Request, response: Response
) -> Tag:
    tag = {{ cookiecutter.__await }}service.create(data)
    cache.invalidate_after_commit(TAG_LIST)
{% else %}
{{ cookiecutter.__async }}def create_tag(
    data: TagCreate, service: TagServiceDep, request: Request, response: Response
) -> Tag:
    tag = {{ cookiecutter.__await }}service.create(data)
{% endif %}
    response.headers.update(location(request, "get_tag", tag_id=tag.id))
    return tag


@router.get("", response_model=Page[TagRead])
{% if cookiecutter.use_redis %}
{{ cookiecutter.__async }}def list_tags(params: PageQuery, service: TagServiceDep, cache: CacheDep) -> Response:
    """Served from the cache when it has the page (`X-Cache: hit`)."""

    {{ cookiecutter.__async }}def render() -> bytes:
        page = {{ cookiecutter.__await }}service.list_page(params)
        return Page[TagRead].model_validate(page).model_dump_json().encode()

    return {{ cookiecutter.__await }}cache.json_response(tag_list_key(params), render)
{% else %}
{{ cookiecutter.__async }}def list_tags(params: PageQuery, service: TagServiceDep) -> Paginated[Tag]:
    return {{ cookiecutter.__await }}service.list_page(params)
{% endif %}


@router.get("/{tag_id}", response_model=TagRead)
{{ cookiecutter.__async }}def get_tag(tag_id: ResourceId, service: TagServiceDep) -> Tag:
    return {{ cookiecutter.__await }}service.get(tag_id)


{% if cookiecutter.use_auth %}
@router.patch("/{tag_id}", response_model=TagRead, dependencies=SIGNED_IN)
{% else %}
@router.patch("/{tag_id}", response_model=TagRead)
{% endif %}
{% if cookiecutter.use_redis %}
{{ cookiecutter.__async }}def update_tag(
    tag_id: ResourceId,
    data: TagUpdate,
    service: TagServiceDep,
    cache: CacheDep,
) -> Tag:
    tag = {{ cookiecutter.__await }}service.update(tag_id, data)
    # Posts show their tags' names.
    cache.invalidate_after_commit(TAG_LIST, ALL_POSTS)
    return tag
{% else %}
{{ cookiecutter.__async }}def update_tag(tag_id: ResourceId, data: TagUpdate, service: TagServiceDep) -> Tag:
    return {{ cookiecutter.__await }}service.update(tag_id, data)
{% endif %}


{% if cookiecutter.use_auth %}
@router.delete(
    "/{tag_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    dependencies=SIGNED_IN,
)
{% else %}
@router.delete("/{tag_id}", status_code=status.HTTP_204_NO_CONTENT, response_class=Response)
{% endif %}
{% if cookiecutter.use_redis %}
{{ cookiecutter.__async }}def delete_tag(tag_id: ResourceId, service: TagServiceDep, cache: CacheDep) -> None:
    {{ cookiecutter.__await }}service.delete(tag_id)
    cache.invalidate_after_commit(TAG_LIST, ALL_POSTS)
{% else %}
{{ cookiecutter.__async }}def delete_tag(tag_id: ResourceId, service: TagServiceDep) -> None:
    {{ cookiecutter.__await }}service.delete(tag_id)
{% endif %}
