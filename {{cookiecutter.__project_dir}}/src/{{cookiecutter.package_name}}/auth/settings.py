from pydantic import Field
from pydantic_settings import BaseSettings


class AuthSettings(BaseSettings):
    access_token_minutes: int = Field(default=15, ge=1)
    refresh_token_days: int = Field(default=14, ge=1)
    # Login attempts per client address and email (guessing one password), and per client
    # address whatever the email (trying a few passwords on many accounts).
    login_rate_limit: str = "5/minute"
    login_rate_limit_per_client: str = "20/minute"
