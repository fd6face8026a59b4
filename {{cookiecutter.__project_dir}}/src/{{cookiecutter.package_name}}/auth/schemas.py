from typing import Annotated, Literal

from pydantic import BaseModel, StringConstraints

from ..core.schemas import NoNul
from ..users.schemas import Email, FullName

# At least 8 characters; the upper bound keeps hashing cheap for hostile input.
Password = Annotated[str, StringConstraints(min_length=8, max_length=128), NoNul]
Token = Annotated[str, StringConstraints(min_length=1, max_length=4096)]


class RegisterRequest(BaseModel):
    email: Email
    password: Password
    full_name: FullName


class TokenPair(BaseModel):
    access_token: str
    refresh_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int


class RefreshRequest(BaseModel):
    refresh_token: Token


class PasswordChange(BaseModel):
    current_password: Annotated[str, StringConstraints(max_length=128)]
    new_password: Password
