from fastapi import APIRouter, Request, Response, status

from ..core.pagination import Page, PageQuery, Paginated
from ..core.routing import ResourceId, location
from .dependencies import UserServiceDep
from .models import User
from .schemas import UserCreate, UserRead, UserUpdate

router = APIRouter(prefix="/users", tags=["users"])


@router.post("", status_code=status.HTTP_201_CREATED, response_model=UserRead)
{{ cookiecutter.__async }}def create_user(
    data: UserCreate, service: UserServiceDep, request: Request, response: Response
) -> User:
    user = {{ cookiecutter.__await }}service.create(data)
    response.headers.update(location(request, "get_user", user_id=user.id))
    return user


@router.get("", response_model=Page[UserRead])
{{ cookiecutter.__async }}def list_users(params: PageQuery, service: UserServiceDep) -> Paginated[User]:
    return {{ cookiecutter.__await }}service.list_page(params)


@router.get("/{user_id}", response_model=UserRead)
{{ cookiecutter.__async }}def get_user(user_id: ResourceId, service: UserServiceDep) -> User:
    return {{ cookiecutter.__await }}service.get(user_id)


@router.patch("/{user_id}", response_model=UserRead)
{{ cookiecutter.__async }}def update_user(user_id: ResourceId, data: UserUpdate, service: UserServiceDep) -> User:
    return {{ cookiecutter.__await }}service.update(user_id, data)


@router.delete("/{user_id}", status_code=status.HTTP_204_NO_CONTENT, response_class=Response)
{{ cookiecutter.__async }}def delete_user(user_id: ResourceId, service: UserServiceDep) -> None:
    {{ cookiecutter.__await }}service.delete(user_id)
