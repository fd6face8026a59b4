from typing import Any, Literal

from ..core.schemas import ORMSchema

JobState = Literal["PENDING", "STARTED", "RETRY", "SUCCESS", "FAILURE"]


class JobRead(ORMSchema):
    id: str
    state: JobState
    result: dict[str, Any] | None
