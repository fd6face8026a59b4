from typing import Literal

from pydantic import BaseModel


class HealthStatus(BaseModel):
{% if cookiecutter.use_redis or cookiecutter.use_celery %}
    # `degraded`: serving, but without {{ "Redis or the broker" if cookiecutter.use_redis and cookiecutter.use_celery else ("Redis" if cookiecutter.use_redis else "the broker") }}.
    status: Literal["ok", "degraded"] = "ok"
{% else %}
    status: Literal["ok"] = "ok"
{% endif %}
    checks: dict[str, str] = {}
