from typing import Any, Self

from sqlalchemy import Row

from ..core.effects import UnitOfWork
from ..core.pagination import PageParams, Paginated, paginated
from .repository import StatsRepository
{% if cookiecutter.use_celery %}

# The job that recomputes every post's stats (stats/jobs.py).
REBUILD_STATS = "stats.rebuild"
{% endif %}


class StatsService:
    def __init__(self, stats: StatsRepository) -> None:
        self.stats = stats

    @classmethod
    def of(cls, work: UnitOfWork) -> Self:
        return cls(StatsRepository(work.session))

    {{ cookiecutter.__async }}def authors(self, params: PageParams) -> Paginated[Row[Any]]:
        rows, total = {{ cookiecutter.__await }}self.stats.authors_page(params)
        return paginated(rows, total, params)
