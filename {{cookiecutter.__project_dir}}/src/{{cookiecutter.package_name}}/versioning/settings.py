from datetime import date
from typing import Self

from pydantic import model_validator
from pydantic_settings import BaseSettings


class VersioningSettings(BaseSettings):
    # API v1 is deprecated from this date and removed after API_V1_SUNSET_ON; every v1 response
    # says so (Deprecation and Sunset headers).
    api_v1_deprecated_on: date = date.fromisoformat("{% now 'utc', '%Y-%m-%d' %}")
    api_v1_sunset_on: date = date.fromisoformat("{% now 'utc' + 'days=365', '%Y-%m-%d' %}")

    @model_validator(mode="after")
    def check_api_v1_dates(self) -> Self:
        if self.api_v1_sunset_on < self.api_v1_deprecated_on:
            raise ValueError("API_V1_SUNSET_ON must not be before API_V1_DEPRECATED_ON")
        return self
