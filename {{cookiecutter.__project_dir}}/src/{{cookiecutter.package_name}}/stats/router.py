from typing import Any

from fastapi import APIRouter
from sqlalchemy import Row

from ..core.pagination import Page, PageQuery, Paginated
from .dependencies import StatsServiceDep
from .schemas import AuthorStats

router = APIRouter(prefix="/stats", tags=["stats"])


@router.get("/authors", response_model=Page[AuthorStats])
{{ cookiecutter.__async }}def author_stats(params: PageQuery, service: StatsServiceDep) -> Paginated[Row[Any]]:
    """Posts per author and their average word count, busiest authors first."""
    return {{ cookiecutter.__await }}service.authors(params)
