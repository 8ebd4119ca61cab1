"""What the model is asked to reply and how a reply is read: the pydantic reply models
(their JSON schema is sent as strict structured output), the schema builder, and the JSON
extraction that copes with fenced or prose-wrapped replies."""

from __future__ import annotations

import json
import re
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from prepcoach.vocab import AGENDA_ITEM_KINDS, MAX_MEETING_MINUTES, AgendaItemKind

R = TypeVar("R", bound=BaseModel)


class _Reply(BaseModel):
    model_config = ConfigDict(extra="ignore")


class AgendaItemReply(_Reply):
    title: str
    minutes: int
    kind: AgendaItemKind
    detail: str
    objective_id: str | None

    @field_validator("kind", mode="before")
    @classmethod
    def _kind(cls, v: object) -> str:
        v = str(v or "").strip().lower().replace("-", "_").replace(" ", "_")
        aliases = {"carried": "carried_over", "carryover": "carried_over", "wins": "win"}
        v = aliases.get(v, v)
        return v if v in AGENDA_ITEM_KINDS else "question"

    @field_validator("minutes", mode="before")
    @classmethod
    def _minutes(cls, v: Any) -> Any:
        try:
            minutes = max(0, round(float(v)))
        except (TypeError, ValueError, OverflowError):
            return 0
        # more than a whole meeting is no time box (grammar output can be any integer):
        # 0 lets the agenda rules weigh the item by its kind
        return minutes if minutes <= MAX_MEETING_MINUTES else 0

    @field_validator("detail", mode="before")
    @classmethod
    def _detail(cls, v: object) -> object:
        return "" if v is None else v

    @field_validator("objective_id", mode="before")
    @classmethod
    def _objective(cls, v: object) -> object:
        return None if v in ("", "null", "none", "None") else v


class AgendaReply(_Reply):
    summary: str
    items: list[AgendaItemReply]


class ReviewMessageReply(_Reply):
    subject: str
    message: str


def strict_schema(model: type[BaseModel]) -> dict[str, Any]:
    """JSON schema of ``model`` in the form strict structured output accepts."""
    schema = model.model_json_schema()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("title"), str):  # an annotation, not a property called title
                node.pop("title")
            if "default" in node and not isinstance(node["default"], dict):
                node.pop("default")
            if node.get("type") == "object" and "properties" in node:
                node["additionalProperties"] = False
                node["required"] = list(node["properties"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return schema


def extract_json(text: str) -> Any:
    """The JSON object in a model reply: bare, fenced in ```json, or inside prose."""
    stripped = text.strip()
    fence = re.search(r"```(?:json)?\s*(.*?)```", stripped, re.DOTALL)
    candidates = [stripped]
    if fence:
        candidates.insert(0, fence.group(1).strip())
    # strict=False: grammar-constrained output may hold raw newlines inside strings
    decoder = json.JSONDecoder(strict=False)
    for cand in candidates:
        try:
            return json.loads(cand, strict=False)
        except ValueError:
            pass
        for i, ch in enumerate(cand):
            if ch == "{":
                try:
                    obj, _ = decoder.raw_decode(cand, i)
                except ValueError:
                    continue
                if isinstance(obj, dict):
                    return obj
    raise ValueError("no JSON object found in the reply")


def validate_reply(model: type[R], text: str) -> R:
    """``text`` read as ``model``; ValueError naming the first problem otherwise."""
    try:
        data = extract_json(text)
    except ValueError:
        raise
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errs = exc.errors()
        loc = ".".join(str(p) for p in errs[0].get("loc", ())) or "(top level)"
        raise ValueError(f"{loc}: {errs[0].get('msg', 'invalid')}") from None
