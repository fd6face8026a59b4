from typing import Any

from sqlalchemy import Row

from ..core.pagination import PageParams, Paginated, paginated
from .repository import StatsRepository


class StatsService:
    def __init__(self, stats: StatsRepository) -> None:
        self.stats = stats

    {{ cookiecutter.__async }}def authors(self, params: PageParams) -> Paginated[Row[Any]]:
        rows, total = {{ cookiecutter.__await }}self.stats.authors_page(params)
        return paginated(rows, total, params)
