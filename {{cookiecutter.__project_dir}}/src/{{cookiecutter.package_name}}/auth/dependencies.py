from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer
{% if cookiecutter.orm_mode == "async" %}
from sqlalchemy.ext.asyncio import AsyncSession
{% else %}
from sqlalchemy.orm import Session
{% endif %}

{% if cookiecutter.use_redis %}
from ..cache.redis import RedisStore
{% endif %}
from ..core.config import Settings
from ..core.db import SessionDep
from ..core.exceptions import UnauthorizedError
from ..core.resources import Resources, resources_of
from ..core.routing import {{ "API_V2_PREFIX" if cookiecutter.api_versioning else "API_PREFIX" }}
from ..users.models import User
from ..users.repository import UserRepository
from .exceptions import AdminRequiredError
from .rate_limit import LoginRateLimiter
from .repository import RefreshTokenRepository
{% if cookiecutter.use_redis %}
from .revocation import RevokedLogins
{% endif %}
from .service import AuthService

# auto_error=False: a missing token becomes our own 401 problem response.
{% if cookiecutter.api_versioning %}
# Tokens work under both API versions; /docs logs in through the current one.
oauth2_scheme = OAuth2PasswordBearer(tokenUrl=f"{API_V2_PREFIX}/auth/token", auto_error=False)
{% else %}
oauth2_scheme = OAuth2PasswordBearer(tokenUrl=f"{API_PREFIX}/auth/token", auto_error=False)
{% endif %}


def auth_service_of(resources: Resources, session: {{ cookiecutter.__session }}) -> AuthService:
    """The authentication service in `session` (also for what is not a request: the live
    feed's WebSockets)."""
    settings = resources.get(Settings)
    login_limiter = resources.get(LoginRateLimiter)
{% if cookiecutter.use_redis %}
    # Revoked for as long as the login's access tokens can live.
    ttl_seconds = settings.access_token_minutes * 60
    revoked_logins = RevokedLogins(resources.get(RedisStore), session, ttl_seconds)
    return AuthService(
        UserRepository(session),
        RefreshTokenRepository(session),
        settings,
        login_limiter,
        revoked_logins,
    )
{% else %}
    return AuthService(
        UserRepository(session), RefreshTokenRepository(session), settings, login_limiter
    )
{% endif %}


async def get_auth_service(session: SessionDep, request: Request) -> AuthService:
    return auth_service_of(resources_of(request.app), session)


AuthServiceDep = Annotated[AuthService, Depends(get_auth_service)]


{{ cookiecutter.__async }}def get_current_user(
    token: Annotated[str | None, Depends(oauth2_scheme)], service: AuthServiceDep
) -> User:
    if token is None:
        raise UnauthorizedError("Not authenticated: send an access token as a Bearer token.")
    return {{ cookiecutter.__await }}service.authenticate(token)


CurrentUser = Annotated[User, Depends(get_current_user)]
# For routes that need a signed-in user but not the user itself.
SIGNED_IN = [Depends(get_current_user)]


{{ cookiecutter.__async }}def get_optional_user(
    token: Annotated[str | None, Depends(oauth2_scheme)], service: AuthServiceDep
) -> User | None:
    """The signed-in user, or None for an anonymous request. A token that is sent must be valid:
    a client that believes it is signed in learns that it is not (401)."""
    if token is None:
        return None
    return {{ cookiecutter.__await }}service.authenticate(token)


OptionalUser = Annotated[User | None, Depends(get_optional_user)]


async def get_admin(user: CurrentUser) -> User:
    if user.role != "admin":
        raise AdminRequiredError()
    return user


AdminUser = Annotated[User, Depends(get_admin)]
# For routes that only an admin may call, when the route does not need the admin itself.
ADMINS_ONLY = [Depends(get_admin)]
