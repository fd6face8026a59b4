from typing import Literal

from pydantic import BaseModel


class HealthStatus(BaseModel):
    # `degraded`: serving, but without a dependency it can do without for a while.
    status: Literal["ok", "degraded"] = "ok"
    checks: dict[str, str] = {}
