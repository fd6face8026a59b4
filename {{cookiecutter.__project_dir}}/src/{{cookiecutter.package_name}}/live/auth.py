"""Who a live client reads as: anonymous until it sends a valid access token, and until that
token expires."""

from dataclasses import dataclass

{% if cookiecutter.orm_mode == "sync" %}
from starlette.concurrency import run_in_threadpool
{% endif %}
from starlette.websockets import WebSocket

from ..auth.dependencies import auth_service_of
from ..auth.exceptions import InvalidTokenError
from ..core import security
from ..core.config import Settings
from ..core.db import Database
from ..core.exceptions import DatabaseUnavailableError, is_database_outage
from ..core.resources import Resources
from ..posts.access import Reader, reader_of
from .hub import Close

# The subprotocol that carries a token: `Sec-WebSocket-Protocol: bearer, <token>`.
BEARER = "bearer"
INVALID_TOKEN = Close(1008, "The token is invalid or has expired.")
UNAVAILABLE = Close(1013, "Tokens cannot be checked now; try again later.")
EXPIRED = Close(1008, "The token has expired.")


@dataclass(frozen=True)
class Identity:
    """What a valid token gives a connection: what it may see, and until when (a Unix time)."""

    reader: Reader
    expires_at: float


class LiveAuthError(Exception):
    def __init__(self, close: Close) -> None:
        super().__init__(close.reason)
        self.close = close


def token_of(websocket: WebSocket) -> str:
    """The token sent after the `bearer` subprotocol ("" when none is)."""
    subprotocols: list[str] = websocket.scope.get("subprotocols", [])
    after = subprotocols.index(BEARER) + 1
    return subprotocols[after] if after < len(subprotocols) else ""


class Authenticator:
    def __init__(self, resources: Resources) -> None:
        self.resources = resources

    async def identify(self, token: str) -> Identity:
        """Who the token's user is, in a session of its own (a WebSocket has no request session);
        LiveAuthError says how to close when the token gives no one."""
        reader = await self._reader_of(token)
        # Valid, as authenticate() has just checked.
        secret_key = self.resources.get(Settings).secret_key.get_secret_value()
        claims = security.decode_token(token, "access", secret_key)
        return Identity(reader, float(claims["exp"]))

    async def _reader_of(self, token: str) -> Reader:
        database = self.resources.get(Database)
        try:
{% if cookiecutter.orm_mode == "async" %}
            async with database.request_slot(), database.session_factory() as session:
                user = await auth_service_of(self.resources, session).authenticate(token)
                return reader_of(user)
{% else %}
            async with database.request_slot():
                return await run_in_threadpool(self._reader_in_session, database, token)
{% endif %}
        except InvalidTokenError:
            raise LiveAuthError(INVALID_TOKEN) from None
        except DatabaseUnavailableError as error:
            raise LiveAuthError(UNAVAILABLE) from error
        except Exception as error:
            if is_database_outage(error):
                raise LiveAuthError(UNAVAILABLE) from error
            raise
{% if cookiecutter.orm_mode == "sync" %}

    def _reader_in_session(self, database: Database, token: str) -> Reader:
        with database.session_factory() as session:
            return reader_of(auth_service_of(self.resources, session).authenticate(token))
{% endif %}
