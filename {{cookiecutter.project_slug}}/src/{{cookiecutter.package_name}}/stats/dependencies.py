from typing import Annotated

from fastapi import Depends

from {{ cookiecutter.package_name }}.core.db import SessionDep
from {{ cookiecutter.package_name }}.stats.repository import StatsRepository
from {{ cookiecutter.package_name }}.stats.service import StatsService


async def get_stats_service(session: SessionDep) -> StatsService:
    return StatsService(StatsRepository(session))


StatsServiceDep = Annotated[StatsService, Depends(get_stats_service)]
