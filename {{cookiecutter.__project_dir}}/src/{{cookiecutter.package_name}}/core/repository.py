"""The base of every repository: it holds the request's session and builds `select()` statements."""

{% if cookiecutter.orm_mode == "async" %}
from sqlalchemy.ext.asyncio import AsyncSession
{% else %}
from sqlalchemy.orm import Session
{% endif %}


class Repository:
    def __init__(self, session: {{ cookiecutter.__session }}) -> None:
        self.session = session
