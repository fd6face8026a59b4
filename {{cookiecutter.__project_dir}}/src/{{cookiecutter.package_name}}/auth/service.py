import uuid
from datetime import timedelta

from ..core import security
from ..core.config import Settings
from ..core.models import utc_now
from ..users.exceptions import EmailAlreadyRegisteredError
from ..users.models import User
from ..users.repository import UserRepository
from .exceptions import (
    InvalidCredentialsError,
    InvalidTokenError,
    PasswordLikeEmailError,
    RefreshTokenReusedError,
    WrongPasswordError,
)
from .models import RefreshToken
from .passwords import is_like_email
from .rate_limit import LoginRateLimiter
from .repository import RefreshTokenRepository
{% if cookiecutter.use_redis %}
from .revocation import RevokedLogins
{% endif %}
from .schemas import PasswordChange, RegisterRequest, TokenPair


{{ cookiecutter.__async }}def end_every_login(user: User, tokens: RefreshTokenRepository) -> None:
    """End every login of the user, after a change to who they are or what they may do (a new
    password, role or active flag): their refresh tokens go, and the access tokens already issued
    stop working, since they carry the previous token version. Nothing of this needs Redis."""
    user.token_version += 1
    {{ cookiecutter.__await }}tokens.delete_for_user(user.id)


class AuthService:
    def __init__(
        self,
        users: UserRepository,
        tokens: RefreshTokenRepository,
        settings: Settings,
        login_limiter: LoginRateLimiter,
{% if cookiecutter.use_redis %}
        revoked_logins: RevokedLogins,
{% endif %}
    ) -> None:
        self.users = users
        self.tokens = tokens
        self.settings = settings
        self.login_limiter = login_limiter
{% if cookiecutter.use_redis %}
        self.revoked_logins = revoked_logins
{% endif %}

    @property
    def secret_key(self) -> str:
        return self.settings.secret_key.get_secret_value()

    {{ cookiecutter.__async }}def register(self, data: RegisterRequest) -> User:
        if {{ cookiecutter.__await }}self.users.get_by_email(data.email) is not None:
            raise EmailAlreadyRegisteredError(data.email)
        if is_like_email(data.password, data.email):
            raise PasswordLikeEmailError("password")
        user = User(
            email=data.email,
            full_name=data.full_name,
            hashed_password=security.hash_password(data.password),
            role="user",
        )
        {{ cookiecutter.__await }}self.users.add(user)
        return user

    {{ cookiecutter.__async }}def login(self, email: str, password: str, client: str) -> TokenPair:
        email = email.strip().lower()
        {{ cookiecutter.__await if cookiecutter.use_redis }}self.login_limiter.hit(client, email)
        user = {{ cookiecutter.__await }}self.users.get_by_email(email)
        hashed_password = user.hashed_password if user is not None else None
        password_ok = security.verify_password(password, hashed_password)
        if user is None or not password_ok or not user.is_active:
            raise InvalidCredentialsError()
        return {{ cookiecutter.__await }}self._issue_pair(user, family_id=uuid.uuid4().hex)

    {{ cookiecutter.__async }}def refresh(self, refresh_token: str) -> TokenPair:
        """Spend a refresh token for a new pair. A spent token presented again means it was
        stolen (or the client is broken): the whole family is revoked."""
        stored = {{ cookiecutter.__await }}self._stored(refresh_token)
        if stored.revoked:
            {{ cookiecutter.__await }}self.tokens.revoke_family(stored.family_id)
{% if cookiecutter.use_redis %}
            self.revoked_logins.revoke_after_commit(stored.family_id)
{% endif %}
            raise RefreshTokenReusedError()
        user = {{ cookiecutter.__await }}self.users.get(stored.user_id)
        if user is None or not user.is_active:
            raise InvalidTokenError()
        stored.revoked = True
        return {{ cookiecutter.__await }}self._issue_pair(user, family_id=stored.family_id)

    {{ cookiecutter.__async }}def logout(self, refresh_token: str) -> None:
        stored = {{ cookiecutter.__await }}self._stored(refresh_token)
        {{ cookiecutter.__await }}self.tokens.revoke_family(stored.family_id)
{% if cookiecutter.use_redis %}
        self.revoked_logins.revoke_after_commit(stored.family_id)
{% endif %}

    {{ cookiecutter.__async }}def authenticate(self, access_token: str) -> User:
        """The active user an access token was issued to."""
        try:
            claims = security.decode_token(access_token, "access", self.secret_key)
        except security.InvalidTokenError as error:
            raise InvalidTokenError() from error
{% if cookiecutter.use_redis %}
        if {{ cookiecutter.__await }}self.revoked_logins.is_revoked(claims["sid"]):
            raise InvalidTokenError()
{% endif %}
        user = {{ cookiecutter.__await }}self.users.get(int(claims["sub"]))
        if user is None or not user.is_active or claims["ver"] != user.token_version:
            raise InvalidTokenError()
        return user

    {{ cookiecutter.__async }}def change_password(self, user: User, data: PasswordChange) -> None:
        """Set a new password and end every login of the user, this one included: the client
        logs in again with the new password."""
        if not security.verify_password(data.current_password, user.hashed_password):
            raise WrongPasswordError()
        if is_like_email(data.new_password, user.email):
            raise PasswordLikeEmailError("new_password")
        user.hashed_password = security.hash_password(data.new_password)
        {{ cookiecutter.__await }}end_every_login(user, self.tokens)
        {{ cookiecutter.__await }}self.users.flush()

    {{ cookiecutter.__async }}def delete_expired_tokens(self) -> int:
        return {{ cookiecutter.__await }}self.tokens.delete_expired(utc_now())

    {{ cookiecutter.__async }}def _stored(self, refresh_token: str) -> RefreshToken:
        try:
            security.decode_token(refresh_token, "refresh", self.secret_key)
        except security.InvalidTokenError as error:
            raise InvalidTokenError() from error
        stored = {{ cookiecutter.__await }}self.tokens.get_by_hash(security.fingerprint(refresh_token))
        if stored is None:
            raise InvalidTokenError()
        return stored

    {{ cookiecutter.__async }}def _issue_pair(self, user: User, family_id: str) -> TokenPair:
        access_lifetime = timedelta(minutes=self.settings.access_token_minutes)
        refresh_lifetime = timedelta(days=self.settings.refresh_token_days)
        subject, version, key = str(user.id), user.token_version, self.secret_key
        access = security.issue_token(subject, family_id, version, "access", access_lifetime, key)
        refresh = security.issue_token(
            subject, family_id, version, "refresh", refresh_lifetime, key
        )
        {{ cookiecutter.__await }}self.tokens.add(
            RefreshToken(
                user_id=user.id,
                family_id=family_id,
                token_hash=security.fingerprint(refresh.token),
                expires_at=refresh.expires_at,
            )
        )
        return TokenPair(
            access_token=access.token,
            refresh_token=refresh.token,
            expires_in=int(access_lifetime.total_seconds()),
        )
