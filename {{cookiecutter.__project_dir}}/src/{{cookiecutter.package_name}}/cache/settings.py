from pydantic import Field
from pydantic_settings import BaseSettings


class RedisSettings(BaseSettings):
    redis_url: str = "redis://localhost:6379/0"
    # A Redis command gives up after this long, and the service carries on without Redis.
    redis_timeout_seconds: float = Field(default=0.5, gt=0)
    # After a failed command Redis is left alone this long before the next try.
    redis_retry_after_seconds: float = Field(default=5.0, ge=0)
    # Every key this service writes starts with it, so several services can share one Redis.
    redis_key_prefix: str = "{{ cookiecutter.package_name }}:"
    cache_ttl_seconds: int = Field(default=300, ge=1)
