"""Administration commands: `python -m {{ cookiecutter.package_name }}.cli --help`.

create-admin --email E --password P   create an admin, or promote an existing user
delete-expired-tokens                 remove refresh tokens past their expiry
"""

import argparse
{% if cookiecutter.orm_mode == "async" %}
import asyncio
{% endif %}
import sys

from pydantic import TypeAdapter, ValidationError

from .auth.passwords import LIKE_EMAIL, is_like_email
from .auth.repository import RefreshTokenRepository
from .auth.schemas import Password
from .auth.service import end_every_login
from .core import security
from .core.config import get_settings
from .core.db import create_engine, create_session_factory
from .core.models import utc_now
from .users.models import User
from .users.repository import UserRepository
from .users.schemas import Email


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m {{ cookiecutter.package_name }}.cli")
    commands = parser.add_subparsers(dest="command", required=True)
    admin = commands.add_parser("create-admin", help="create an admin or promote a user")
    admin.add_argument("--email", required=True)
    admin.add_argument("--password", required=True)
    admin.add_argument("--full-name", default="Administrator")
    commands.add_parser("delete-expired-tokens", help="remove expired refresh tokens")
    args = parser.parse_args(argv)

    if args.command == "create-admin":
        try:
            email = TypeAdapter(Email).validate_python(args.email)
            password = TypeAdapter(Password).validate_python(args.password)
        except ValidationError as error:
            parser.error(error.errors()[0]["msg"])
        if is_like_email(password, email):
            parser.error(f"the password {LIKE_EMAIL}")
        message = {{ "asyncio.run(create_admin(email, password, args.full_name))" if cookiecutter.orm_mode == "async" else "create_admin(email, password, args.full_name)" }}
    else:
        message = {{ "asyncio.run(delete_expired_tokens())" if cookiecutter.orm_mode == "async" else "delete_expired_tokens()" }}
    print(message)
    return 0


if __name__ == "__main__":
    sys.exit(main())
