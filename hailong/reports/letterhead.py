"""What a unit's documents say about their issuer: names in the decree's form, place, signer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hailong.core.text import search_key
from hailong.reports.document import Signer, place_name
from hailong.units.models import AdministrativeUnit, Officer

COMMITTEE = "UBND"
CHAIR_TITLES = ("chu tich", "pho chu tich")  # search keys, in rank order


@dataclass(frozen=True)
class Letterhead:
    issuing_body_parent: str
    issuing_body: str
    place: str


def letterhead(unit: AdministrativeUnit) -> Letterhead:
    """``UBND QUẬN BA ĐÌNH`` / ``UBND PHƯỜNG VĨNH PHÚC`` / ``Vĩnh Phúc``."""
    parent = unit.parent
    return Letterhead(
        issuing_body_parent=committee_name(parent) if parent is not None else "",
        issuing_body=committee_name(unit),
        place=place_name(unit.name),
    )


def committee_name(unit: AdministrativeUnit) -> str:
    """The People's Committee of ``unit`` in capitals: ``UBND PHƯỜNG VĨNH PHÚC``."""
    return f"{COMMITTEE} {unit.name.upper()}"


def committee_in_text(unit: AdministrativeUnit) -> str:
    """The same inside a sentence: ``UBND quận Ba Đình``."""
    return f"{COMMITTEE} {unit.name[:1].lower()}{unit.name[1:]}"


def chair_signer(unit: AdministrativeUnit, authority: tuple[str, ...] = ()) -> Signer:
    """The chair signs "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH" (name left blank if none is recorded)."""
    chair = _chair(unit)
    return Signer(authority=authority or ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), name=chair)


def _chair(unit: AdministrativeUnit) -> str:
    officers = Officer.objects.filter(unit=unit, active=True).order_by("pk")
    for officer in officers.only("full_name", "title"):
        if officer_rank(officer.title) == 0:
            return officer.full_name
    return ""


def officer_rank(title: str) -> int:
    """0 for the chair, 1 for a vice-chair, 2 for everyone else (for listing order)."""
    key = search_key(title)
    for rank, prefix in enumerate(CHAIR_TITLES):
        if key == prefix or key.startswith(f"{prefix} "):
            return rank
    return len(CHAIR_TITLES)


def document_day(params: dict[str, object], default: dt.date) -> dt.date:
    """The document's date: ``params["date"]`` as dd/mm/yyyy, else ``default``."""
    value = params.get("date")
    if isinstance(value, str):
        try:
            return dt.datetime.strptime(value, "%d/%m/%Y").date()  # noqa: DTZ007
        except ValueError:
            pass
    return default
