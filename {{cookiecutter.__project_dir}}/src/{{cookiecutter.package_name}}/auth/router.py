from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response, status
from fastapi.security import OAuth2PasswordRequestForm

from ..core.routing import location
from ..users.models import User
from ..users.schemas import UserRead
from .dependencies import AuthServiceDep
from .schemas import RefreshRequest, RegisterRequest, TokenPair

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post("/register", status_code=status.HTTP_201_CREATED, response_model=UserRead)
{{ cookiecutter.__async }}def register(
    data: RegisterRequest, service: AuthServiceDep, request: Request, response: Response
) -> User:
    user = {{ cookiecutter.__await }}service.register(data)
    response.headers.update(location(request, "get_user", user_id=user.id))
    return user


@router.post("/token")
{{ cookiecutter.__async }}def login(
    form: Annotated[OAuth2PasswordRequestForm, Depends()], service: AuthServiceDep, request: Request
) -> TokenPair:
    """OAuth2 password flow: `username` is the email."""
    client = request.client.host if request.client else "unknown"
    return {{ cookiecutter.__await }}service.login(form.username, form.password, client)


@router.post("/refresh")
{{ cookiecutter.__async }}def refresh(data: RefreshRequest, service: AuthServiceDep) -> TokenPair:
    return {{ cookiecutter.__await }}service.refresh(data.refresh_token)


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT, response_class=Response)
{{ cookiecutter.__async }}def logout(data: RefreshRequest, service: AuthServiceDep) -> None:
    {{ cookiecutter.__await }}service.logout(data.refresh_token)
