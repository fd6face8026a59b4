from datetime import datetime
{% if cookiecutter.use_auth %}
from typing import Annotated, Literal

from pydantic import AfterValidator, EmailStr, StringConstraints
{% else %}
from typing import Annotated

from pydantic import AfterValidator, BaseModel, EmailStr, StringConstraints
{% endif %}

from ..core.schemas import NoNul, ORMSchema, PatchSchema

# Emails are compared case-insensitively, so they are stored in lowercase.
Email = Annotated[EmailStr, AfterValidator(str.lower)]
FullName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), NoNul
]


{% if cookiecutter.use_auth %}
Role = Literal["user", "admin"]


class ProfileUpdate(PatchSchema):
    """What users may change about themselves."""

    email: Email | None = None
    full_name: FullName | None = None


class UserUpdate(ProfileUpdate):
    """What an admin may change about any user."""

    is_active: bool | None = None
    role: Role | None = None
{% else %}
class UserCreate(BaseModel):
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
