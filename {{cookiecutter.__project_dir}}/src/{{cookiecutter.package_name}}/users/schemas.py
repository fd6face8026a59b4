from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, EmailStr, StringConstraints

from ..core.schemas import NoNul, ORMSchema, PatchSchema

# Emails are compared case-insensitively, so they are stored in lowercase.
Email = Annotated[EmailStr, AfterValidator(str.lower)]
FullName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), NoNul
]


class UserCreate(BaseModel):
    email: Email
    full_name: FullName
    is_active: bool = True


class UserUpdate(PatchSchema):
    email: Email | None = None
    full_name: FullName | None = None
    is_active: bool | None = None


class UserRead(ORMSchema):
    id: int
    email: str
    full_name: str
    is_active: bool
    created_at: datetime
    updated_at: datetime
