from datetime import date
from typing import Annotated, Self

from pydantic import BeforeValidator, model_validator
from pydantic_settings import BaseSettings


def none_if_empty(value: object) -> object:
    return None if value == "" else value


# A day, or unset: an empty value (`API_V1_SUNSET_ON=`, as in .env.example) means unset too.
OptionalDate = Annotated[date | None, BeforeValidator(none_if_empty)]


class VersioningSettings(BaseSettings):
    # API v1 is deprecated from API_V1_DEPRECATED_ON and removed after API_V1_SUNSET_ON. v1
    # responses carry a Deprecation header for the one and a Sunset header for the other, each
    # only once its date is set: no date is promised until someone decides it.
    api_v1_deprecated_on: OptionalDate = None
    api_v1_sunset_on: OptionalDate = None

    @model_validator(mode="after")
    def check_api_v1_dates(self) -> Self:
        deprecated_on, sunset_on = self.api_v1_deprecated_on, self.api_v1_sunset_on
        if deprecated_on is not None and sunset_on is not None and sunset_on < deprecated_on:
            raise ValueError("API_V1_SUNSET_ON must not be before API_V1_DEPRECATED_ON")
        return self
