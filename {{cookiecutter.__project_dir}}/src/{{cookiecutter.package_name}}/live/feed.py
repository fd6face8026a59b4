{% if cookiecutter.use_redis %}
"""Where committed changes go: a Redis channel that every process of the service listens to
(live/redis.py), so that a change reaches the clients of every process."""
{% else %}
"""Where committed changes go: this process's hub. Without Redis a change reaches only the
clients of the process that made it: run one process (one uvicorn worker)."""
{% endif %}

{% if cookiecutter.use_redis %}
from ..cache.redis import RedisStore
{% else %}
from .hub import LiveHub
{% endif %}
from .messages import PostChange
{% if cookiecutter.use_redis %}

# The channel's name, after the service's Redis key prefix.
CHANNEL = "live:posts"
{% endif %}


class LiveFeed:
{% if cookiecutter.use_redis %}
    def __init__(self, redis: RedisStore, channel: str) -> None:
        self.redis = redis
        self.channel = channel

    @property
    def wanted(self) -> bool:
        """Whether changes are worth a message: other processes may have clients."""
        return True

    {{ cookiecutter.__async }}def publish(self, change: PostChange) -> None:
        """After the commit. Like the cache, the feed goes without Redis while it is away: the
        message is lost (RedisStore logs the outage), the write is not."""
        {{ cookiecutter.__await }}self.redis.run(lambda client: client.publish(self.channel, change.text), 0)
{% else %}
    def __init__(self, hub: LiveHub) -> None:
        self.hub = hub

    @property
    def wanted(self) -> bool:
        """Whether changes are worth a message: someone is listening."""
        return self.hub.connections > 0

    {{ cookiecutter.__async }}def publish(self, change: PostChange) -> None:
        """After the commit: to the hub, on its event loop (sync sessions commit in a thread)."""
        self.hub.deliver_threadsafe(change)
{% endif %}
