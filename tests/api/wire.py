"""Validate a real answer against the model the OpenAPI document names for it."""

from __future__ import annotations

from typing import Any

from flask import Flask
from pydantic import BaseModel
from werkzeug.test import TestResponse

from server.api.validation import RESPONSE_MODELS


def documented_model(app: Flask, path: str, method: str, status: int) -> type[BaseModel]:
    """The response model of `method path` answering `status`, as /swagger.json documents it."""
    spec = app.test_client().get("/api/v1/swagger.json").get_json()
    answer = spec["paths"][path][method]["responses"][str(status)]
    return RESPONSE_MODELS[answer["schema"]["$ref"].rsplit("/", 1)[-1]]


def check_documented(app: Flask, response: TestResponse, path: str, method: str = "get") -> Any:
    """The parsed body; fails when the answer has drifted from its documented model."""
    assert response.status_code < 300, response.get_json()
    model = documented_model(app, path, method, response.status_code)
    return model.model_validate(response.get_json())
