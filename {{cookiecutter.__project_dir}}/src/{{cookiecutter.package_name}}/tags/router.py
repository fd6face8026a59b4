{% if cookiecutter.use_auth %}
from fastapi import APIRouter, Depends, Request, Response, status
{% else %}
from fastapi import APIRouter, Request, Response, status
{% endif %}

{% if cookiecutter.use_auth %}
from ..auth.dependencies import get_current_user
{% endif %}
from ..core.pagination import Page, PageQuery, Paginated
from ..core.routing import ResourceId, location
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
{{ cookiecutter.__async }}def create_tag(
    data: TagCreate, service: TagServiceDep, request: Request, response: Response
) -> Tag:
    tag = {{ cookiecutter.__await }}service.create(data)
    response.headers.update(location(request, "get_tag", tag_id=tag.id))
    return tag


@router.get("", response_model=Page[TagRead])
{{ cookiecutter.__async }}def list_tags(params: PageQuery, service: TagServiceDep) -> Paginated[Tag]:
    return {{ cookiecutter.__await }}service.list_page(params)


@router.get("/{tag_id}", response_model=TagRead)
{{ cookiecutter.__async }}def get_tag(tag_id: ResourceId, service: TagServiceDep) -> Tag:
    return {{ cookiecutter.__await }}service.get(tag_id)


{% if cookiecutter.use_auth %}
@router.patch("/{tag_id}", response_model=TagRead, dependencies=SIGNED_IN)
{% else %}
@router.patch("/{tag_id}", response_model=TagRead)
{% endif %}
{{ cookiecutter.__async }}def update_tag(tag_id: ResourceId, data: TagUpdate, service: TagServiceDep) -> Tag:
    return {{ cookiecutter.__await }}service.update(tag_id, data)


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
{{ cookiecutter.__async }}def delete_tag(tag_id: ResourceId, service: TagServiceDep) -> None:
    {{ cookiecutter.__await }}service.delete(tag_id)
