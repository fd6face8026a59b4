from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request, Response, status

from ..core.openapi import error_responses
from ..core.routing import location
from ..users.models import User
from ..users.schemas import UserRead
from .dependencies import AuthServiceDep
from .exceptions import InvalidCredentialsError, InvalidTokenError, TooManyLoginAttemptsError
from .schemas import LoginForm, RefreshRequest, RegisterRequest, TokenPair

router = APIRouter(prefix="/auth", tags=["auth"])


async def no_store(response: Response) -> None:
    """Tokens must not be kept by any cache on the way (RFC 6749, section 5.1)."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Pragma"] = "no-cache"


# The routes that answer with tokens.
ISSUES_TOKENS = [Depends(no_store)]


@router.post("/register", status_code=status.HTTP_201_CREATED, response_model=UserRead)
{{ cookiecutter.__async }}def register(
    data: RegisterRequest, service: AuthServiceDep, request: Request, response: Response
) -> User:
    user = {{ cookiecutter.__await }}service.register(data)
    response.headers.update(location(request, "get_user", user_id=user.id))
    return user


@router.post(
    "/token",
    dependencies=ISSUES_TOKENS,
    responses=error_responses(InvalidCredentialsError, TooManyLoginAttemptsError),
)
{{ cookiecutter.__async }}def login(
    form: Annotated[LoginForm, Form()], service: AuthServiceDep, request: Request
) -> TokenPair:
    """OAuth2 password flow: `username` is the email."""
    client = request.client.host if request.client else "unknown"
    return {{ cookiecutter.__await }}service.login(form.username, form.password, client)


@router.post("/refresh", dependencies=ISSUES_TOKENS, responses=error_responses(InvalidTokenError))
{{ cookiecutter.__async }}def refresh(data: RefreshRequest, service: AuthServiceDep) -> TokenPair:
    return {{ cookiecutter.__await }}service.refresh(data.refresh_token)


@router.post(
    "/logout",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses=error_responses(InvalidTokenError),
)
{{ cookiecutter.__async }}def logout(data: RefreshRequest, service: AuthServiceDep) -> None:
    {{ cookiecutter.__await }}service.logout(data.refresh_token)
