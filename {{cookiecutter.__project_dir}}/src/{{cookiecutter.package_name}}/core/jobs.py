{% if cookiecutter.use_celery %}
"""What a job gets instead of a request: sessions of its own{{ " and the cache" if cookiecutter.use_redis else "" }}.

Jobs run on a Celery worker (see core/celery_app.py), never in the session of the request that
sent them.
"""
{% else %}
"""What a job gets instead of a request: sessions of its own{{ " and the cache" if cookiecutter.use_redis else "" }}.

Jobs run as FastAPI background tasks, after the response has been sent, so never in the session
of the request that started them.
"""
{% endif %}

from dataclasses import dataclass
{% if not cookiecutter.use_celery %}
from typing import Annotated

from fastapi import Depends, Request
{% endif %}

{% if cookiecutter.use_redis %}
from .cache import Cache
{% endif %}
from .db import SessionFactory


@dataclass(frozen=True)
class JobContext:
    session_factory: SessionFactory
{% if cookiecutter.use_redis %}
    cache: Cache
{% endif %}
{% if not cookiecutter.use_celery %}


async def get_job_context(request: Request) -> JobContext:
{% if cookiecutter.use_redis %}
    return JobContext(request.app.state.session_factory, request.app.state.cache)
{% else %}
    return JobContext(request.app.state.session_factory)
{% endif %}


JobContextDep = Annotated[JobContext, Depends(get_job_context)]
{% endif %}
