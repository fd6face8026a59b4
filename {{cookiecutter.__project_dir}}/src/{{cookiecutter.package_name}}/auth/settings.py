from pydantic import Field
from pydantic_settings import BaseSettings


class AuthSettings(BaseSettings):
    access_token_minutes: int = Field(default=15, ge=1)
    refresh_token_days: int = Field(default=14, ge=1)
    login_rate_limit: str = "5/minute"
