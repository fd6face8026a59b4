from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, StringConstraints

from ..core.schemas import BodySchema, NoNul
from ..users.schemas import CurrentPassword, Email, FullName
from .passwords import check_not_common

# At least 8 characters and not a common password; the upper bound keeps hashing cheap for
# hostile input. (The service also refuses the user's own email.)
Password = Annotated[
    str,
    StringConstraints(min_length=8, max_length=128),
    NoNul,
    AfterValidator(check_not_common),
]
Token = Annotated[str, StringConstraints(min_length=1, max_length=4096)]


class RegisterRequest(BodySchema):
    email: Email
    password: Password
    full_name: FullName


class TokenPair(BaseModel):
    access_token: str
    refresh_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int


class RefreshRequest(BodySchema):
    refresh_token: Token


class PasswordChange(BodySchema):
    current_password: CurrentPassword
    new_password: Password


class LoginForm(BaseModel):
    """The OAuth2 password flow's form (`username` is the email), with the bounds the server
    applies written into the schema: an empty field is invalid input, not wrong credentials."""

    # Optional, as clients of the password flow do not all send it; never null.
    grant_type: Annotated[str, StringConstraints(pattern="^password$")] = "password"
    username: Annotated[str, StringConstraints(min_length=1, max_length=320)]
    password: Annotated[str, StringConstraints(min_length=1, max_length=128)]
