"""JSON Schemas generated from the models, for editors and for drift checks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workbench.case import Case, Framework
from workbench.session import Session

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
MODELS = {"case": Case, "session": Session, "framework": Framework}


def schema_for(kind: str) -> dict[str, Any]:
    schema = MODELS[kind].model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"{kind}.schema.json"
    return schema
