"""The live feed: `WS <newest API>/posts/live` pushes committed post changes to its clients
(live/router.py){{ ", in every process of the service through Redis" if cookiecutter.use_redis }}."""

{% if cookiecutter.use_redis %}
from ..cache.redis import RedisStore
{% endif %}
from ..core.app import AppBuilder
from ..core.routing import APIS
from .feed import {{ "CHANNEL, " if cookiecutter.use_redis }}LiveFeed
from .handlers import register_live_feed
from .hub import LiveHub
{% if cookiecutter.use_redis %}
from .redis import ListenerClient, RedisListener, create_listener_client
{% endif %}
from .router import posts_live

# Under the newest API version only: the feed is new, older versions do not grow.
LIVE_PATH = f"{next(iter(APIS.values()))}/posts/live"


def install_live(builder: AppBuilder) -> None:
    settings, resources = builder.settings, builder.resources
{% if cookiecutter.use_redis %}
    redis = resources.get(RedisStore)
    channel = redis.key(CHANNEL)
    client = resources.provide_default(ListenerClient, lambda: create_listener_client(settings))
    listener = RedisListener(
        client.client,
        channel,
        settings.live_redis_retry_seconds,
        settings.live_redis_retry_max_seconds,
    )
    hub = LiveHub(settings.live_queue_size, settings.live_max_connections, listener)
    feed = LiveFeed(redis, channel)
{% else %}
    hub = LiveHub(settings.live_queue_size, settings.live_max_connections)
    feed = LiveFeed(hub)
{% endif %}
    resources.provide(LiveHub, hub)
    resources.provide(LiveFeed, feed)
    register_live_feed(builder.effect_handlers, feed)
    # Closes the live connections at shutdown, before Redis (installed earlier) is closed.
    builder.add_lifespan(hub.lifespan)
    builder.app.add_api_websocket_route(LIVE_PATH, posts_live, name="posts_live")
