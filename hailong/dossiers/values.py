"""Parsing of the values one-stop systems export: dossier codes, dates, applicant types, channels.

Each parser takes whatever a spreadsheet cell or a JSON value holds (``str``, ``date``,
``datetime``, a number, ``None``) and returns a clean value, or raises ``ValueError`` with a
Vietnamese message for the user.
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils.translation import gettext as _

from hailong.core.text import clean_line, search_key
from hailong.dossiers.models import ApplicantType, SubmissionChannel

CODE_MAX_LENGTH = 60
_CODE_PATTERN = re.compile(r"^[\w.\-:()]+$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_DMY = re.compile(r"^(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})(?:[ T].*)?$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_LEADING_TIME = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?\s+")


def text_value(value: object) -> str:
    """A cell as one clean line of NFC text (``None`` → ``""``; ``12.0`` → ``"12"``)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_line(str(value))


def dossier_code_clean(value: object) -> str:
    """The stored form of a dossier code: NFC, upper-case, without any whitespace."""
    return "".join(text_value(value).split()).upper()


def dossier_code_is_valid(code: str) -> bool:
    """Letters, digits and ``. - _ : ( )``, at most 60 characters (safe in a URL path)."""
    return 0 < len(code) <= CODE_MAX_LENGTH and bool(_CODE_PATTERN.match(code))


def parse_code(value: object) -> str:
    code = dossier_code_clean(value)
    if not code:
        raise ValueError(_("Thiếu mã hồ sơ."))
    if not dossier_code_is_valid(code):
        raise ValueError(
            _(
                "Mã hồ sơ «%(code)s» không hợp lệ: chỉ gồm chữ, số và các dấu . - _ : ( ), "
                "tối đa %(max)d ký tự."
            )
            % {"code": code[:80], "max": CODE_MAX_LENGTH}
        )
    return code


def parse_date(value: object) -> dt.date | None:
    """A date from a cell: a date, an Excel serial number, or dd/mm/yyyy (yyyy-mm-dd) text.

    A time of day before or after the date is ignored (``08:30 05/03/2023``).
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise ValueError(_("«%(value)s» không phải là ngày.") % {"value": value})
    if isinstance(value, int | float):
        return _from_serial(value)
    return _from_text(text_value(value))


def _from_serial(value: float) -> dt.date:
    if not 1 <= value < 80_000:
        raise ValueError(_("«%(value)s» không phải là ngày.") % {"value": value})
    return _EXCEL_EPOCH + dt.timedelta(days=int(value))


def _from_text(text: str) -> dt.date | None:
    if not text:
        return None
    text = _LEADING_TIME.sub("", text)
    if match := _DMY.match(text):
        day, month, year = (int(g) for g in match.groups())
    elif match := _YMD.match(text):
        year, month, day = (int(g) for g in match.groups())
    else:
        raise ValueError(_("«%(value)s» không đúng dạng ngày dd/mm/yyyy.") % {"value": text[:40]})
    try:
        day_value = dt.date(year, month, day)
    except ValueError:
        raise ValueError(_("Ngày «%(value)s» không tồn tại.") % {"value": text[:40]}) from None
    if not 1990 <= year <= 2100:
        raise ValueError(_("Năm %(year)d không hợp lệ.") % {"year": year})
    return day_value


_APPLICANT_WORDS: dict[str, list[str]] = {
    ApplicantType.ORGANISATION: [
        "to chuc",
        "to_chuc",
        "doanh nghiep",
        "co quan",
        "organisation",
        "organization",
        "hop tac xa",
    ],
    ApplicantType.INDIVIDUAL: ["ca nhan", "ca_nhan", "cong dan", "nguoi dan", "individual"],
}
_CHANNEL_WORDS: dict[str, list[str]] = {
    SubmissionChannel.ONLINE: [
        "truc tuyen",
        "truc_tuyen",
        "online",
        "qua mang",
        "dich vu cong",
        "dvc",
    ],
    SubmissionChannel.POST: ["buu chinh", "buu_chinh", "buu dien", "bcci"],
    SubmissionChannel.DIRECT: ["truc tiep", "truc_tiep", "tai quay", "tai bo phan", "direct"],
}


def _choice(value: object, words: dict[str, list[str]], what: str) -> str | None:
    key = search_key(text_value(value))
    if not key:
        return None
    for choice, candidates in words.items():
        if any(word in key for word in candidates):
            return choice
    raise ValueError(
        _("Không hiểu «%(value)s» ở cột %(what)s.")
        % {"value": text_value(value)[:60], "what": what}
    )


def parse_applicant_type(value: object) -> str | None:
    return _choice(value, _APPLICANT_WORDS, _("người nộp là cá nhân hay tổ chức"))


def parse_channel(value: object) -> str | None:
    return _choice(value, _CHANNEL_WORDS, _("hình thức nộp"))


def parse_phone(value: object) -> str:
    text = text_value(value)
    if not text:
        return ""
    digits = re.sub(r"[\s.\-()]", "", text)
    if not re.fullmatch(r"\+?\d{8,15}", digits):
        raise ValueError(_("Số điện thoại «%(value)s» không hợp lệ.") % {"value": text[:40]})
    return digits
