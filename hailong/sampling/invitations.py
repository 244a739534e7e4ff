"""What an invitation looks like to a citizen: the short link, its QR code, printable slips, and
the Zalo / SMS text staff copy. No personal data ever goes into any of them.

The short link is ``<site>/moi/<code>``: eight characters that cannot be misread, a QR code
small enough to scan from a creased slip, and short enough to type from an SMS. It leads to the
wave's public form with the invitation code filled in.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import segno
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from hailong.responses.printing import absolute, unit_in_sentence
from hailong.sampling.models import SampleMember
from hailong.surveys.models import SurveyWave

SLIPS_PER_PAGE = 10
SMS_SINGLE = 160
SMS_PART = 153


def short_path(code: str) -> str:
    return reverse("invitation:open", args=[code])


def short_url(code: str) -> str:
    return absolute(short_path(code))


def without_scheme(url: str) -> str:
    return url.split("://", 1)[-1]


def code_display(code: str) -> str:
    """``ABCD2345`` → ``ABCD 2345`` (easier to read aloud and to copy by hand)."""
    return f"{code[:4]} {code[4:]}" if len(code) > 4 else code


def ascii_fold(text: str) -> str:
    """Vietnamese without diacritics (``Phường`` → ``Phuong``), as SMS are usually sent."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def sms_parts(text: str) -> int:
    """How many SMS a text takes (7-bit alphabet when ASCII, otherwise 70/67 per part)."""
    single, part = (SMS_SINGLE, SMS_PART) if text.isascii() else (70, 67)
    return 1 if len(text) <= single else -(-len(text) // part)


def zalo_text(wave: SurveyWave, code: str) -> str:
    return _(
        "UBND %(unit)s trân trọng mời Ông/Bà góp ý về sự phục vụ của cơ quan hành chính "
        "(khoảng 5 phút, không cần ghi tên, ý kiến được giữ bí mật). Mở đường dẫn: %(url)s "
        "— mã mời: %(code)s. Xin cảm ơn!"
    ) % {"unit": unit_in_sentence(wave.unit.name), "url": short_url(code), "code": code}


def sms_text(wave: SurveyWave, code: str) -> str:
    text = _(
        "UBND %(unit)s moi Ong/Ba gop y ve su phuc vu (khong ghi ten, giu bi mat): %(url)s"
    ) % {
        "unit": unit_in_sentence(wave.unit.name),
        "url": short_url(code),
    }
    return ascii_fold(text)


@dataclass(frozen=True)
class Slip:
    """One printed invitation: a number, a delivery mark (households only), link, QR, code."""

    number: int
    mark: str
    url: str
    short: str
    code: str
    qr: SafeString


def qr_scalable(url: str) -> SafeString:
    """A QR code SVG with a viewBox and no fixed size: the stylesheet sets its printed size."""
    svg: str = segno.make(url, error="m").svg_inline(scale=1, border=2, omitsize=True)
    return mark_safe(svg)  # noqa: S308 (segno output: a path, no user text)


def slip_mark(member: SampleMember) -> str:
    """Where a household slip goes ("Tổ dân phố số 5 · hộ số 17"); nothing for a dossier."""
    if member.residential_group is None or member.household is None:
        return ""
    return _("%(group)s · hộ số %(n)d") % {
        "group": member.residential_group.name,
        "n": member.household,
    }


def slips(members: Sequence[SampleMember]) -> list[list[Slip]]:
    """The slips of ``members``, ``SLIPS_PER_PAGE`` to an A4 page."""
    made = []
    for member in members:
        code = member.invitation.code
        url = short_url(code)
        made.append(
            Slip(
                number=member.position,
                mark=slip_mark(member),
                url=url,
                short=without_scheme(url),
                code=code_display(code),
                qr=qr_scalable(url),
            )
        )
    return [made[i : i + SLIPS_PER_PAGE] for i in range(0, len(made), SLIPS_PER_PAGE)]
