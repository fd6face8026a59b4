"""Authentication: the login rate limiter{{ ", counted in Redis" if cookiecutter.use_redis }}. (The routes come with the API.)"""

{% if cookiecutter.use_redis %}
from ..cache.redis import RedisStore
{% endif %}
from ..core.app import AppBuilder
from .rate_limit import LoginRateLimiter


def install_auth(builder: AppBuilder) -> None:
    rate = builder.settings.login_rate_limit
{% if cookiecutter.use_redis %}
    limiter = LoginRateLimiter(rate, builder.resources.get(RedisStore))
{% else %}
    limiter = LoginRateLimiter(rate)
{% endif %}
    builder.resources.provide(LoginRateLimiter, limiter)
