"""The base of every repository: it holds the request's session and builds `select()` statements."""

{% if cookiecutter.orm_mode == "async" %}
from sqlalchemy.ext.asyncio import AsyncSession
{% else %}
from sqlalchemy.orm import Session
{% endif %}

from .models import Base


class Repository:
    def __init__(self, session: {{ cookiecutter.__session }}) -> None:
        self.session = session

    {{ cookiecutter.__async }}def add(self, instance: Base) -> None:
        """Insert now (flush), so database defaults, ids and constraint errors show at once."""
        self.session.add(instance)
        {{ cookiecutter.__await }}self.session.flush()

    {{ cookiecutter.__async }}def flush(self) -> None:
        {{ cookiecutter.__await }}self.session.flush()

    {{ cookiecutter.__async }}def delete(self, instance: Base) -> None:
        {{ cookiecutter.__await }}self.session.delete(instance)
        {{ cookiecutter.__await }}self.session.flush()
