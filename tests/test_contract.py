"""The wire contract export (`flask contract export`): one JSON Schema of every model the
clients receive, plus the catalog, which contracts/generate.mjs turns into wire.ts."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from server.api.schemas.catalog import build_catalog
from server.api.validation import RESPONSE_MODELS
from server.contract import CATALOG_FILE, SCHEMA_FILE, WIRE_MODELS, contract_schema


def test_the_command_writes_the_schema_and_the_catalog(runner, tmp_path: Path) -> None:
    result = runner.invoke(args=["contract", "export", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    schema = json.loads((tmp_path / "out" / SCHEMA_FILE).read_text())
    assert schema == contract_schema()
    catalog = json.loads((tmp_path / "out" / CATALOG_FILE).read_text())
    assert catalog == build_catalog().model_dump(mode="json")


def test_every_documented_response_model_is_in_the_contract(app) -> None:
    exported = {model.__name__ for model in WIRE_MODELS}
    assert set(RESPONSE_MODELS) <= exported  # RESPONSE_MODELS is filled as the app's API is built
    assert set(contract_schema()["$defs"]) >= exported


def test_the_document_is_a_valid_schema_and_real_values_validate(app) -> None:
    schema = contract_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    catalog = build_catalog().model_dump(mode="json")
    jsonschema.validate({"Catalog": catalog}, schema)


def test_property_titles_are_dropped_so_types_are_not_named_per_field() -> None:
    defs = contract_schema()["$defs"]
    titled = [
        f"{name}.{prop}"
        for name, model in defs.items()
        for prop, spec in (model.get("properties") or {}).items()
        if "title" in spec
    ]
    assert titled == []
