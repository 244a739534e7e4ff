"""The seed document (the ward's real 2023 plan) read into sentences, for the template tests.

``tests/seed/`` holds a verbatim copy of ``../shared/seed/ke-hoach-tuyen-truyen-sipas-2023.txt``
so that the tests run from any checkout; ``test_campaigns_template_prefill`` checks the copy
against the original when the original is there.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

SEED_NAME = "ke-hoach-tuyen-truyen-sipas-2023.txt"
SEED = Path(__file__).resolve().parent / "seed" / SEED_NAME
ORIGINAL = Path(__file__).resolve().parents[2] / "shared" / "seed" / SEED_NAME
# Two slips of the seed the template corrects (see hailong/campaigns/template.py).
CORRECTIONS = {"loa truyển thanh": "loa truyền thanh", "nhóm zalo": "nhóm Zalo"}
HEADINGS = (
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Mục đích",
    "2. Yêu cầu",
    "II. NỘI DUNG THỰC HIỆN",
    "1. Nội dung tuyên truyền",
    "2. Hình thức tuyên truyền",
    "III. TỔ CHỨC THỰC HIỆN",
)
_HEADING = re.compile(r"^(?:[IVX]+\.\s|\d\.\s(?:Mục đích|Yêu cầu|Nội dung tuyên|Hình thức))")
_ITEM = re.compile(r"^\d+\.\s+")
_SENTENCE_END = re.compile(r"(?<=[.:;])\s+(?=[A-ZĐÀ-Ỹ])")


def squash(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def seed_body() -> str:
    """From "Thực hiện văn bản …" to "… thực hiện./." (the web page's chrome left out)."""
    text = unicodedata.normalize("NFC", SEED.read_text(encoding="utf-8"))
    start = text.index("Thực hiện văn bản chỉ đạo")
    end = text.index("nghiêm túc thực hiện./.") + len("nghiêm túc thực hiện./.")
    body = text[start:end]
    for wrong, right in CORRECTIONS.items():
        body = body.replace(wrong, right)
    return body


def seed_sentences() -> list[str]:
    """Every sentence of the seed's sections, headings and list numbers aside."""
    sentences: list[str] = []
    for raw in seed_body().splitlines():
        line = squash(raw)
        if not line or line == "content:" or _HEADING.match(line):
            continue
        line = _ITEM.sub("", line)
        sentences += [squash(s) for s in _SENTENCE_END.split(line) if squash(s)]
    return sentences
