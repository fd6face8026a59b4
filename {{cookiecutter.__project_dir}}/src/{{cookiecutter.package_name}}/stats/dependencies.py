from typing import Annotated

from fastapi import Depends

from ..core.effects import UnitOfWorkDep
from .service import StatsService


async def get_stats_service(work: UnitOfWorkDep) -> StatsService:
    return StatsService.of(work)


StatsServiceDep = Annotated[StatsService, Depends(get_stats_service)]
