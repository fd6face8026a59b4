"""Password hashing (Argon2 through pwdlib) and JSON Web Tokens (PyJWT)."""

import hashlib
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

import jwt
from pwdlib import PasswordHash

# Pinned on encode and decode: a token naming another algorithm (or "none") is refused.
ALGORITHM = "HS256"
# `sid` names the login (the refresh-token family) a token belongs to; `ver` is the user's token
# version when it was issued (see User.token_version).
REQUIRED_CLAIMS = ["sub", "sid", "ver", "exp", "iat", "jti", "type"]

TokenType = Literal["access", "refresh"]

password_hash = PasswordHash.recommended()
# Checked when the email is unknown, so a failed login takes as long whether or not it exists.
UNKNOWN_USER_HASH = password_hash.hash(uuid.uuid4().hex)


class InvalidTokenError(Exception):
    """The token is malformed, expired, signed with another key or of the wrong type."""


@dataclass(frozen=True)
class IssuedToken:
    token: str
    expires_at: datetime


def hash_password(password: str) -> str:
    return password_hash.hash(password)


def verify_password(password: str, hashed_password: str | None) -> bool:
    if hashed_password is None:
        password_hash.verify(password, UNKNOWN_USER_HASH)
        return False
    return password_hash.verify(password, hashed_password)


def issue_token(
    subject: str,
    login_id: str,
    version: int,
    token_type: TokenType,
    lifetime: timedelta,
    secret_key: str,
) -> IssuedToken:
    issued_at = datetime.now(UTC)
    expires_at = issued_at + lifetime
    claims = {
        "sub": subject,
        "sid": login_id,
        "ver": version,
        "type": token_type,
        "jti": uuid.uuid4().hex,
        "iat": issued_at,
        "exp": expires_at,
    }
    return IssuedToken(jwt.encode(claims, secret_key, algorithm=ALGORITHM), expires_at)


def decode_token(token: str, token_type: TokenType, secret_key: str) -> dict[str, Any]:
    try:
        claims: dict[str, Any] = jwt.decode(
            token, secret_key, algorithms=[ALGORITHM], options={"require": REQUIRED_CLAIMS}
        )
    except jwt.PyJWTError as error:
        raise InvalidTokenError(str(error)) from error
    if claims["type"] != token_type:
        raise InvalidTokenError(f"expected a {token_type} token")
    return claims


def fingerprint(token: str) -> str:
    """What is stored of a refresh token: its SHA-256, so the table holds no usable token."""
    return hashlib.sha256(token.encode()).hexdigest()
