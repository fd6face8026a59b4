"""Logins revoked before their access tokens expire, remembered in Redis.

Access tokens are accepted on their signature alone. When a login ends (logout, or a refresh
token presented twice) its refresh tokens are revoked in the database, and its id is kept here
for as long as its access tokens can live, so that they stop working at once too. While Redis is
unreachable this list can be neither written nor read: access tokens then work until they
expire, as they do in a service without Redis.
"""

from functools import partial

{% if cookiecutter.orm_mode == "async" %}
from sqlalchemy.ext.asyncio import AsyncSession
{% else %}
from sqlalchemy.orm import Session
{% endif %}

from ..cache.redis import RedisStore
from ..core.db import on_commit


class RevokedLogins:
    def __init__(self, redis: RedisStore, session: {{ cookiecutter.__session }}, ttl_seconds: int) -> None:
        self.redis = redis
        self.session = session
        self.ttl_seconds = ttl_seconds

    def revoke_after_commit(self, login_id: str) -> None:
        """Revoke the login once the transaction that revoked its refresh tokens has committed."""
        on_commit(self.session, partial(self._add, login_id))

    {{ cookiecutter.__async }}def is_revoked(self, login_id: str) -> bool:
        found = {{ cookiecutter.__await }}self.redis.run(lambda client: client.exists(self._key(login_id)), 0)
        return found > 0

    {{ cookiecutter.__async }}def _add(self, login_id: str) -> None:
        key, ttl = self._key(login_id), self.ttl_seconds
        {{ cookiecutter.__await }}self.redis.run(lambda client: client.set(key, 1, ex=ttl), None)

    def _key(self, login_id: str) -> str:
        return self.redis.key(f"revoked-login:{login_id}")
