"""The auth commands: create-admin, delete-expired-tokens."""

import argparse
{% if cookiecutter.orm_mode == "async" %}
import asyncio
{% endif %}

from pydantic import TypeAdapter, ValidationError

from ..core import security
from ..core.cli import Commands, UsageError
from ..core.config import get_settings
from ..core.db import create_engine, create_session_factory
from ..core.models import utc_now
from ..users.models import User
from ..users.repository import UserRepository
from ..users.schemas import Email
from .passwords import LIKE_EMAIL, is_like_email
from .repository import RefreshTokenRepository
from .schemas import Password
from .service import end_every_login


{{ cookiecutter.__async }}def create_admin(email: str, password: str, full_name: str) -> str:
    engine = create_engine(get_settings())
    try:
        {{ cookiecutter.__async }}with create_session_factory(engine).begin() as session:
            users = UserRepository(session)
            user = {{ cookiecutter.__await }}users.get_by_email(email)
            if user is not None:
                if user.role != "admin":
                    # A new role ends the user's logins, as it does through the API.
                    user.role = "admin"
                    {{ cookiecutter.__await }}end_every_login(user, RefreshTokenRepository(session))
                return f"Promoted {email} to admin (the password is unchanged)."
            admin = User(email=email, full_name=full_name, role="admin")
            admin.hashed_password = security.hash_password(password)
            {{ cookiecutter.__await }}users.add(admin)
            return f"Created admin {email}."
    finally:
        {{ cookiecutter.__await }}engine.dispose()


{{ cookiecutter.__async }}def delete_expired_tokens() -> str:
    engine = create_engine(get_settings())
    try:
        {{ cookiecutter.__async }}with create_session_factory(engine).begin() as session:
            deleted = {{ cookiecutter.__await }}RefreshTokenRepository(session).delete_expired(utc_now())
            return f"Deleted {deleted} expired refresh tokens."
    finally:
        {{ cookiecutter.__await }}engine.dispose()


def run_create_admin(args: argparse.Namespace) -> str:
    try:
        email = TypeAdapter(Email).validate_python(args.email)
        password = TypeAdapter(Password).validate_python(args.password)
    except ValidationError as error:
        raise UsageError(error.errors()[0]["msg"]) from None
    if is_like_email(password, email):
        raise UsageError(f"the password {LIKE_EMAIL}")
    return {{ "asyncio.run(create_admin(email, password, args.full_name))" if cookiecutter.orm_mode == "async" else "create_admin(email, password, args.full_name)" }}


def run_delete_expired_tokens(_: argparse.Namespace) -> str:
    return {{ "asyncio.run(delete_expired_tokens())" if cookiecutter.orm_mode == "async" else "delete_expired_tokens()" }}


def add_auth_commands(commands: Commands) -> None:
    admin = commands.add("create-admin", "create an admin or promote a user", run_create_admin)
    admin.add_argument("--email", required=True)
    admin.add_argument("--password", required=True)
    admin.add_argument("--full-name", default="Administrator")
    commands.add(
        "delete-expired-tokens", "remove expired refresh tokens", run_delete_expired_tokens
    )
