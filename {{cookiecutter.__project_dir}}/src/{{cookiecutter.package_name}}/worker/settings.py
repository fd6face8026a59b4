from pydantic import Field
from pydantic_settings import BaseSettings


class CelerySettings(BaseSettings):
{% if cookiecutter.celery_broker == "redis" %}
    celery_broker_url: str = "redis://localhost:6379/1"
{% else %}
    celery_broker_url: str = "amqp://guest:guest@localhost:5672//"
{% endif %}
    # The queue this service's tasks go to: every deployment that shares a broker needs its own.
    celery_queue: str = "{{ cookiecutter.package_name }}"
    # A request that sends a task waits this long for the broker, then answers 503.
    celery_broker_timeout_seconds: float = Field(default=2.0, gt=0)
