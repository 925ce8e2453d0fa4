"""Request parsing: JSON bodies and query strings validated by pydantic models."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, Literal, TypeVar

from flask import request
from flask_restx import Namespace
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from server.errors import AppError, ValidationFailed
from server.events.wire import ROOM_PATTERN as ROOM_PATTERN  # re-exported for request models

M = TypeVar("M", bound=BaseModel)


class RequestModel(BaseModel):
    """Base of every request model: unknown fields are refused (no mass assignment)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def parse_body(model: type[M]) -> M:
    """The request's JSON body as `model`, or a 4xx in the one error shape."""
    raw = request.get_data(cache=True)
    if not raw.strip():
        data: Any = {}
    else:
        if not request.is_json:
            raise AppError(
                "Send the body as JSON with Content-Type: application/json.",
                code="unsupported_media_type",
                status=415,
            )
        try:
            data = json.loads(raw)
        except (ValueError, UnicodeDecodeError) as exc:
            raise ValidationFailed(
                "The request body is not valid JSON.", code="malformed_json"
            ) from exc
    return validate(model, data)


def parse_query(model: type[M]) -> M:
    """The query string as `model` (repeated keys keep their last value)."""
    return validate(model, request.args.to_dict())


def validate(model: type[M], data: Any) -> M:
    if not isinstance(data, dict):
        raise ValidationFailed("The request body must be a JSON object.", code="malformed_json")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = [
            {"field": ".".join(str(p) for p in err["loc"]) or "(body)", "message": err["msg"]}
            for err in exc.errors(include_url=False, include_input=False)
        ]
        summary = "; ".join(f"{p['field']}: {p['message']}" for p in problems[:3])
        raise ValidationFailed(f"Invalid request: {summary}", details=problems) from exc


def body_model(ns: Namespace, model: type[BaseModel]) -> Any:
    """The Swagger model of a request body, named after its pydantic class."""
    return ns.schema_model(model.__name__, swagger_schema(model))


#: Every response model in the OpenAPI document, by name (tests validate real answers with it).
RESPONSE_MODELS: dict[str, type[BaseModel]] = {}


def response_model(ns: Namespace, model: type[BaseModel]) -> Any:
    """The Swagger model of a response body (server/api/schemas), for `@ns.response`."""
    RESPONSE_MODELS[model.__name__] = model
    return ns.schema_model(model.__name__, swagger_schema(model, mode="serialization"))


def swagger_schema(
    model: type[BaseModel], mode: Literal["validation", "serialization"] = "validation"
) -> dict[str, Any]:
    """JSON schema of `model` with $defs inlined (Swagger 2.0 cannot follow $defs refs)."""
    schema = model.model_json_schema(mode=mode)
    defs = schema.pop("$defs", {})
    return _inline(schema, defs)


def _inline(node: Any, defs: dict[str, Any]) -> Any:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            return _inline(defs[ref.split("/")[-1]], defs)
        return {k: _inline(v, defs) for k, v in node.items()}
    if isinstance(node, list):
        return [_inline(v, defs) for v in node]
    return node


def one_of(field: str, allowed: Iterable[str]) -> Any:
    """A pydantic field validator refusing values outside `allowed`, naming the choices."""
    choices = tuple(allowed)

    def check(cls: type, value: str) -> str:
        if value not in choices:
            raise ValueError(f"{field} must be one of {', '.join(choices)}")
        return value

    return field_validator(field)(check)
