from ..core.exceptions import (
    ForbiddenError,
    TooManyRequestsError,
    UnauthorizedError,
    UnprocessableContentError,
)
from .passwords import LIKE_EMAIL


class InvalidCredentialsError(UnauthorizedError):
    def __init__(self) -> None:
        # The same answer for an unknown email, a wrong password and an inactive user.
        super().__init__("Incorrect email or password.")


class InvalidTokenError(UnauthorizedError):
    def __init__(self) -> None:
        super().__init__("The token is invalid or has expired.")


class RefreshTokenReusedError(UnauthorizedError):
    # Its family has just been revoked: that must be committed although the request fails.
    keep_changes = True

    def __init__(self) -> None:
        super().__init__("This refresh token was already used: its whole login is now revoked.")


class AdminRequiredError(ForbiddenError):
    def __init__(self) -> None:
        super().__init__("Only an admin may do this.")


class WrongPasswordError(ForbiddenError):
    def __init__(self) -> None:
        super().__init__("The current password is not correct.")


class TooManyLoginAttemptsError(TooManyRequestsError):
    def __init__(self, retry_after: int) -> None:
        super().__init__("Too many login attempts: try again later.", retry_after)


class PasswordLikeEmailError(UnprocessableContentError):
    def __init__(self, field: str) -> None:
        # An `errors` entry like a validation error's, so clients show it by the field.
        error = {"loc": ["body", field], "msg": LIKE_EMAIL, "type": "value_error"}
        super().__init__(f"The password {LIKE_EMAIL}.", errors=[error])
