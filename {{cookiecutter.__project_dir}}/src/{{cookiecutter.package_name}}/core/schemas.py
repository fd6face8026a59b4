"""Types and bases shared by the request and response schemas of every domain."""

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from .routing import MAX_ID


def reject_nul(value: str) -> str:
    # PostgreSQL cannot store NUL in text: refuse it at the edge rather than fail later.
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


# Put last in an Annotated string type, after its StringConstraints.
NoNul = AfterValidator(reject_nul)
ReferenceId = Annotated[int, Field(ge=1, le=MAX_ID)]


class ORMSchema(BaseModel):
    """A response schema read straight from ORM objects."""

    model_config = ConfigDict(from_attributes=True)


class PatchSchema(BaseModel):
    """A PATCH body: a field left out keeps its value, a field sent as null is an error."""

    @field_validator("*")
    @classmethod
    def reject_null(cls, value: object) -> object:
        if value is None:
            raise ValueError("may be omitted but not null")
        return value
