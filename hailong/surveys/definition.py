"""A method (questionnaire and formula parameters) as data: frozen dataclasses, JSON, checksum.

Pure Python, no ORM: the CLI and the index engine read a definition without a database.
``parse_definition`` (in ``hailong.surveys.definition_parse``) builds one from JSON and lists every
problem with its path; ``Definition.to_json`` writes it back in canonical form, so that
``parse_definition(d.to_json()) == d`` and ``checksum()`` is stable across key order and spacing.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

SCHEMA_VERSION = 1
TRANSACTION_CHANNELS: tuple[str, ...] = ("direct", "post", "online")
WORDING_MARKS: tuple[str, ...] = ("confirmed", "to_check")
SCALE_KINDS: tuple[str, ...] = ("rating", "choice")
RESPONDENT_FIELD_TYPES: tuple[str, ...] = ("single_choice", "age_band", "unit", "text")
UNIT_LEVELS: tuple[str, ...] = ("province", "district", "commune", "hamlet")
ELEMENT_RULES: tuple[str, ...] = ("mean_of_items",)
OVERALL_RULES: tuple[str, ...] = ("mean_of_elements", "mean_of_parts")
DEFAULT_SATISFIED: tuple[int, ...] = (4, 5)


@dataclass(frozen=True)
class LocalText:
    """A text in Vietnamese and (optionally) English."""

    vi: str
    en: str = ""

    def get(self, language: str | None = None) -> str:
        if language and language.startswith("en") and self.en:
            return self.en
        return self.vi

    def to_json(self) -> dict[str, str]:
        return {"vi": self.vi, "en": self.en}


@dataclass(frozen=True)
class Option:
    value: int
    label: LocalText
    reason_required: bool = False

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"value": self.value, "label": self.label.to_json()}
        if self.reason_required:
            data["reason_required"] = True
        return data


@dataclass(frozen=True)
class Scale:
    """Answer options shared by items. ``not_applicable`` values are never counted."""

    code: str
    kind: str
    options: tuple[Option, ...]
    not_applicable: tuple[int, ...] = ()

    @property
    def values(self) -> tuple[int, ...]:
        """The countable values (not-applicable excluded), ascending."""
        return tuple(sorted(o.value for o in self.options if o.value not in self.not_applicable))

    def option(self, value: int) -> Option | None:
        return next((o for o in self.options if o.value == value), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "kind": self.kind,
            "options": [o.to_json() for o in self.options],
            "not_applicable": list(self.not_applicable),
        }


@dataclass(frozen=True)
class AgeBand:
    """An age band: ``label`` for display (official wording), ``[min_age, max_age]`` for binning."""

    value: int
    label: LocalText
    min_age: int
    max_age: int | None = None

    def contains(self, age: int) -> bool:
        return self.min_age <= age and (self.max_age is None or age <= self.max_age)

    def to_json(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "label": self.label.to_json(),
            "min_age": self.min_age,
            "max_age": self.max_age,
        }


@dataclass(frozen=True)
class RespondentField:
    code: str
    label: LocalText
    type: str
    required: bool = False
    options: tuple[Option, ...] = ()
    bands: tuple[AgeBand, ...] = ()
    level: str | None = None
    valid_until: str | None = None
    note: LocalText | None = None

    def band_for_age(self, age: int) -> AgeBand | None:
        return next((b for b in self.bands if b.contains(age)), None)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "code": self.code,
            "label": self.label.to_json(),
            "type": self.type,
            "required": self.required,
        }
        if self.options:
            data["options"] = [o.to_json() for o in self.options]
        if self.bands:
            data["bands"] = [b.to_json() for b in self.bands]
        if self.level:
            data["level"] = self.level
        if self.valid_until:
            data["valid_until"] = self.valid_until
        if self.note:
            data["note"] = self.note.to_json()
        return data


@dataclass(frozen=True)
class Condition:
    """Show a group only when ``item`` was answered with one of ``values``."""

    item: str
    values: tuple[int, ...]

    def to_json(self) -> dict[str, Any]:
        return {"item": self.item, "values": list(self.values)}


@dataclass(frozen=True)
class Group:
    """A question group: one page of the form, in order."""

    code: str
    title: LocalText
    items: tuple[str, ...]
    note: LocalText | None = None
    condition: Condition | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "code": self.code,
            "title": self.title.to_json(),
            "items": list(self.items),
        }
        if self.note:
            data["note"] = self.note.to_json()
        if self.condition:
            data["condition"] = self.condition.to_json()
        return data


@dataclass(frozen=True)
class Element:
    """An element (yếu tố) of the index: the unweighted mean of its items' shares."""

    code: str
    name: LocalText
    items: tuple[str, ...]
    part: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name.to_json(),
            "part": self.part,
            "items": list(self.items),
        }


@dataclass(frozen=True)
class Item:
    code: str
    text: LocalText
    type: str
    scale: str | None = None
    element: str | None = None
    required: bool = False
    channels: tuple[str, ...] = TRANSACTION_CHANNELS
    wording: str = "to_check"
    note: LocalText | None = None
    max_length: int | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "code": self.code,
            "text": self.text.to_json(),
            "type": self.type,
            "scale": self.scale,
            "element": self.element,
            "required": self.required,
            "channels": list(self.channels),
            "wording": self.wording,
        }
        if self.note:
            data["note"] = self.note.to_json()
        if self.max_length is not None:
            data["max_length"] = self.max_length
        return data


@dataclass(frozen=True)
class Part:
    code: str
    name: LocalText

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name.to_json()}


@dataclass(frozen=True)
class Perception:
    """A perception index: the share of answers to ``item`` that chose one of ``options``."""

    code: str
    name: LocalText
    item: str
    options: tuple[int, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name.to_json(),
            "item": self.item,
            "options": list(self.options),
        }


@dataclass(frozen=True)
class Priority:
    """Priority index: share of ``values`` ("very much" + "much") per item, items ranked."""

    items: tuple[str, ...]
    values: tuple[int, ...]

    def to_json(self) -> dict[str, Any]:
        return {"items": list(self.items), "values": list(self.values)}


@dataclass(frozen=True)
class Formula:
    satisfied: tuple[int, ...] = DEFAULT_SATISFIED
    element: str = "mean_of_items"
    overall: str = "mean_of_elements"
    parts: tuple[Part, ...] = ()
    perception: tuple[Perception, ...] = ()
    priority: Priority | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "satisfied": list(self.satisfied),
            "element": self.element,
            "overall": self.overall,
            "parts": [p.to_json() for p in self.parts],
            "perception": [p.to_json() for p in self.perception],
            "priority": self.priority.to_json() if self.priority else None,
        }


@dataclass(frozen=True)
class Section:
    """A group with its items resolved, for rendering."""

    code: str
    title: LocalText
    items: tuple[Item, ...]
    note: LocalText | None = None
    condition: Condition | None = None


@dataclass(frozen=True)
class Definition:
    code: str
    name: LocalText
    legal_basis: str
    scales: tuple[Scale, ...]
    items: tuple[Item, ...]
    elements: tuple[Element, ...]
    formula: Formula = field(default_factory=Formula)
    respondent_fields: tuple[RespondentField, ...] = ()
    groups: tuple[Group, ...] = ()
    description: LocalText | None = None

    @cached_property
    def _items(self) -> dict[str, Item]:
        return {i.code: i for i in self.items}

    @cached_property
    def _scales(self) -> dict[str, Scale]:
        return {s.code: s for s in self.scales}

    def item(self, code: str) -> Item:
        return self._items[code]

    def scale(self, code: str | None) -> Scale | None:
        return self._scales.get(code) if code else None

    def scale_of(self, item: Item) -> Scale | None:
        return self.scale(item.scale)

    def satisfied_for(self, item: Item) -> tuple[int, ...]:
        """Values counted as satisfied for ``item``: the formula's, for items of an element."""
        return self.formula.satisfied if item.element else ()

    def element_items(self) -> list[Item]:
        return [self.item(code) for element in self.elements for code in element.items]

    def sections(self) -> list[Section]:
        """The form's pages: the groups, or one page per element plus one for the rest."""
        if self.groups:
            return [
                Section(g.code, g.title, tuple(self.item(c) for c in g.items), g.note, g.condition)
                for g in self.groups
            ]
        sections = [
            Section(e.code, e.name, tuple(self.item(c) for c in e.items)) for e in self.elements
        ]
        rest = tuple(i for i in self.items if i.element is None)
        if rest:
            sections.append(Section("other", LocalText("Câu hỏi khác", "Other questions"), rest))
        return sections

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_VERSION,
            "code": self.code,
            "name": self.name.to_json(),
            "legal_basis": self.legal_basis,
            "description": self.description.to_json() if self.description else None,
            "scales": [s.to_json() for s in self.scales],
            "respondent_fields": [f.to_json() for f in self.respondent_fields],
            "groups": [g.to_json() for g in self.groups],
            "elements": [e.to_json() for e in self.elements],
            "items": [i.to_json() for i in self.items],
            "formula": self.formula.to_json(),
        }

    def checksum(self) -> str:
        return checksum_of(self.to_json())


def canonical_json(data: Any) -> str:
    """One spelling of ``data``: sorted keys, no spaces, UTF-8 kept."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def checksum_of(data: Any) -> str:
    return hashlib.sha256(canonical_json(data).encode()).hexdigest()


# Parsing lives in its own module (it is long); importing it here keeps one entry point.
from hailong.surveys.definition_parse import (  # noqa: E402
    DefinitionError as DefinitionError,
)
from hailong.surveys.definition_parse import (  # noqa: E402
    parse_definition as parse_definition,
)
