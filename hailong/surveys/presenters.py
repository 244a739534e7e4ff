"""A definition shaped for templates: readable questionnaire rows and rendered form widgets."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.safestring import SafeString

from hailong.surveys.definition import Definition, Item, Section
from hailong.surveys.qtypes import qtype


@dataclass(frozen=True)
class ItemView:
    item: Item
    text: str
    text_other: str
    type_label: str
    scale_labels: list[tuple[int, str, bool]]  # value, label, not applicable
    satisfied: tuple[int, ...]
    note: str
    widget: SafeString | None = None


@dataclass(frozen=True)
class SectionView:
    section: Section
    title: str
    note: str
    condition: str
    items: list[ItemView]


def _other(language: str) -> str:
    return "vi" if language.startswith("en") else "en"


def _item_view(definition: Definition, item: Item, language: str, *, widget: bool) -> ItemView:
    scale = definition.scale_of(item)
    handler = qtype(item.type)
    labels = (
        [(o.value, o.label.get(language), o.value in scale.not_applicable) for o in scale.options]
        if scale
        else []
    )
    return ItemView(
        item=item,
        text=item.text.get(language),
        text_other=item.text.get(_other(language)) if item.text.en else "",
        type_label=str(handler.label),
        scale_labels=labels,
        satisfied=definition.satisfied_for(item),
        note=item.note.get(language) if item.note else "",
        widget=handler.render(item, scale, language=language) if widget else None,
    )


def questionnaire(
    definition: Definition, language: str, *, widgets: bool = False
) -> list[SectionView]:
    """The form's sections with their items; ``widgets`` also renders each question's inputs."""
    views = []
    for section in definition.sections():
        condition = ""
        if section.condition is not None:
            values = ", ".join(map(str, section.condition.values))
            condition = f"{section.condition.item} ∈ {{{values}}}"
        views.append(
            SectionView(
                section=section,
                title=section.title.get(language),
                note=section.note.get(language) if section.note else "",
                condition=condition,
                items=[_item_view(definition, i, language, widget=widgets) for i in section.items],
            )
        )
    return views
