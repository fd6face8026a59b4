"""Types and bases shared by the request and response schemas of every domain."""

from typing import Annotated, Any, ClassVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    field_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

from .routing import MAX_ID

# Whitespace as JSON Schema patterns (ECMA-262's `\s`) see it: text is stripped of exactly these,
# so that the documented pattern and the server agree on what is blank.
WHITESPACE = (
    "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000\ufeff"
)
# JSON Schema patterns of what NoNul and Stripped let through, so that clients know beforehand.
NO_NUL_PATTERN = r"^[^\u0000]*$"
NOT_BLANK_PATTERN = r"^[^\u0000]*[^\u0000\s][^\u0000]*$"


def reject_nul(value: str) -> str:
    # PostgreSQL cannot store NUL in text: refuse it at the edge rather than fail later.
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


class TextRule:
    """A rule for text that the OpenAPI document states as a `pattern`, so that clients know it
    beforehand. Put it last in an Annotated string type, after its StringConstraints."""

    pattern: ClassVar[str]

    def validate(self, value: str) -> str:
        raise NotImplementedError

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.no_info_after_validator_function(self.validate, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        json_schema["pattern"] = self.pattern
        return json_schema


class RejectNul(TextRule):
    pattern = NO_NUL_PATTERN

    def validate(self, value: str) -> str:
        return reject_nul(value)


class Stripped(TextRule):
    """Text stored without surrounding whitespace (and in lowercase with `lower`): stripped once
    its length has been checked as sent, so that the documented maxLength holds for what clients
    send; then blank text and NUL characters are refused."""

    pattern = NOT_BLANK_PATTERN

    def __init__(self, *, lower: bool = False) -> None:
        self.lower = lower

    def validate(self, value: str) -> str:
        value = reject_nul(value).strip(WHITESPACE)
        if not value:
            raise ValueError("must not be blank")
        return value.lower() if self.lower else value


NoNul = RejectNul()
ReferenceId = Annotated[int, Field(ge=1, le=MAX_ID)]


class ORMSchema(BaseModel):
    """A response schema read straight from ORM objects."""

    model_config = ConfigDict(from_attributes=True)


def without_null(schema: dict[str, Any]) -> None:
    """Document each field of a PATCH body as it is validated: optional, but not nullable (its
    `X | None = None` type only tells that it may be left out)."""
    for field_schema in schema.get("properties", {}).values():
        if "anyOf" not in field_schema:
            continue
        options = [option for option in field_schema.pop("anyOf") if option != {"type": "null"}]
        field_schema.pop("default", None)
        if len(options) == 1:
            field_schema.update(options[0])
        else:
            field_schema["anyOf"] = options


class BodySchema(BaseModel):
    """A JSON request body, validated strictly, as its schema reads: `0` is no boolean and `"1"`
    no integer."""

    model_config = ConfigDict(strict=True)


class PatchSchema(BodySchema):
    """A PATCH body: a field left out keeps its value, a field sent as null is an error."""

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        # Here rather than in json_schema_extra, which a subclass's model_config may replace.
        json_schema = handler(schema)
        without_null(handler.resolve_ref_schema(json_schema))
        return json_schema

    @field_validator("*")
    @classmethod
    def reject_null(cls, value: object) -> object:
        if value is None:
            raise ValueError("may be omitted but not null")
        return value
