from datetime import datetime
{% if cookiecutter.use_auth %}
from typing import Annotated, Any, Literal, Self

from pydantic import AfterValidator, ConfigDict, EmailStr, StringConstraints, model_validator
{% else %}
from typing import Annotated

from pydantic import AfterValidator, EmailStr, StringConstraints
{% endif %}

from ..core.schemas import {{ "ORMSchema, PatchSchema, Stripped, without_null" if cookiecutter.use_auth else "BodySchema, ORMSchema, PatchSchema, Stripped" }}

# Emails are compared case-insensitively, so they are stored in lowercase.
Email = Annotated[EmailStr, AfterValidator(str.lower)]
FullName = Annotated[str, StringConstraints(max_length=200), Stripped()]


{% if cookiecutter.use_auth %}
Role = Literal["user", "admin"]
# Only compared with the stored hash; the bound keeps hashing cheap for hostile input.
CurrentPassword = Annotated[str, StringConstraints(max_length=128)]


def email_needs_current_password(schema: dict[str, Any]) -> None:
    """A PATCH body's schema, which also says that `email` comes with `current_password`."""
    without_null(schema)
    schema["dependentRequired"] = {"email": ["current_password"]}


class ProfileUpdate(PatchSchema):
    """What users may change about themselves. A new email needs the current password, as a new
    password does: a stolen access token alone must not take the account over."""

    model_config = ConfigDict(json_schema_extra=email_needs_current_password)

    email: Email | None = None
    full_name: FullName | None = None
    current_password: CurrentPassword | None = None

    @model_validator(mode="after")
    def require_current_password_for_email(self) -> Self:
        if self.email is not None and self.current_password is None:
            raise ValueError("changing the email needs current_password")
        return self


class UserUpdate(PatchSchema):
    """What an admin may change about any user."""

    email: Email | None = None
    full_name: FullName | None = None
    is_active: bool | None = None
    role: Role | None = None
{% else %}
class UserCreate(BodySchema):
    email: Email
    full_name: FullName
    is_active: bool = True


class UserUpdate(PatchSchema):
    email: Email | None = None
    full_name: FullName | None = None
    is_active: bool | None = None
{% endif %}


class UserRead(ORMSchema):
    id: int
    email: str
    full_name: str
    is_active: bool
{% if cookiecutter.use_auth %}
    role: Role
{% endif %}
    created_at: datetime
    updated_at: datetime
