"""Authentication: the login rate limiter{{ ", counted in Redis" if cookiecutter.use_redis }}. (The routes come with the API.)"""

{% if cookiecutter.use_redis %}
from ..cache.redis import RedisStore
{% endif %}
from ..core.app import AppBuilder
from .dependencies import get_admin, oauth2_scheme
from .rate_limit import LoginRateLimiter


def install_auth(builder: AppBuilder) -> None:
    settings = builder.settings
    per_email, per_client = settings.login_rate_limit, settings.login_rate_limit_per_client
{% if cookiecutter.use_redis %}
    limiter = LoginRateLimiter(per_email, per_client, builder.resources.get(RedisStore))
{% else %}
    limiter = LoginRateLimiter(per_email, per_client)
{% endif %}
    builder.resources.provide(LoginRateLimiter, limiter)
    # A route that reads a bearer token refuses a bad one; one for admins refuses other users.
    builder.dependency_errors.update({oauth2_scheme: (401,), get_admin: (403,)})
