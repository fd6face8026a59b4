from typing import Annotated

from fastapi import Depends

from ..core.effects import UnitOfWorkDep
from .service import JobService


async def get_job_service(work: UnitOfWorkDep) -> JobService:
    return JobService.of(work)


JobServiceDep = Annotated[JobService, Depends(get_job_service)]
