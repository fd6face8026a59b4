"""What a password may not be besides too short or too long: one of the most common passwords,
or the user's own email.

The common passwords are the 30,000 that zxcvbn (the password strength estimator) ranks by how
often they appear in leaked password dumps; it is installed for that list alone.
"""

from functools import cache

# zxcvbn has no type information.
from zxcvbn.frequency_lists import FREQUENCY_LISTS  # type: ignore[import-untyped]

LIKE_EMAIL = "must not be the email address, contain it or be its part before the @"


@cache
def common_passwords() -> frozenset[str]:
    listed: list[str] = FREQUENCY_LISTS["passwords"]
    return frozenset(listed)


def normalized(password: str) -> str:
    return password.strip().lower()


def check_not_common(password: str) -> str:
    """The password, unless it is one of the most common (a pydantic validator)."""
    if normalized(password) in common_passwords():
        raise ValueError("is one of the most common passwords: choose a less guessable one")
    return password


def is_like_email(password: str, email: str) -> bool:
    """Whether the password is the email, contains it, or is its part before the @."""
    password, email = normalized(password), email.lower()
    return email in password or password == email.partition("@")[0]
