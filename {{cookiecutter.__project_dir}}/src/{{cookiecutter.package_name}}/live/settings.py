from pydantic import Field
from pydantic_settings import BaseSettings


class LiveSettings(BaseSettings):
    # Messages waiting to be sent to one client; a client that falls this far behind is closed
    # (1013) rather than let its backlog grow without bound.
    live_queue_size: int = Field(default=100, ge=1)
    # Open live connections per process; those beyond it are closed at once (1013).
    live_max_connections: int = Field(default=1000, ge=1)
{% if cookiecutter.use_redis %}
    # The first wait before the Redis subscription is tried again after it failed; each failure
    # in a row doubles it, up to the maximum.
    live_redis_retry_seconds: float = Field(default=0.5, gt=0)
    live_redis_retry_max_seconds: float = Field(default=30.0, gt=0)
{% endif %}
