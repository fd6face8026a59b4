from pydantic import Field
from pydantic_settings import BaseSettings


class MetricsSettings(BaseSettings):
    # GET /metrics and the metrics behind it; false: nothing is measured and /metrics is a 404.
    metrics_enabled: bool = True
    # Serve the metrics on a port of their own instead of at /metrics on the application, e.g.
    # to keep them off the public address; unset: at /metrics on the application.
    metrics_port: int | None = Field(default=None, ge=1, le=65535)
    # The address that port listens on.
    metrics_address: str = "0.0.0.0"
