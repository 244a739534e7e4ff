"""The interviewer's screen: the script to read, and the wave's questionnaire on one page.

What is read aloud is in Vietnamese, whatever language the interviewer's screen uses.
The questions are the public form's (``responses.questionnaire.form_for``), rendered by the
same question-type registry and cleaned by the same ``clean_submission`` inside
``response_submit``: a phone answer is stored exactly like a web answer. Groups that apply only
after some answer say so; their answers are ignored when the condition does not hold.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils import timezone, translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from hailong.responses.printing import unit_in_sentence
from hailong.responses.questionnaire import Form, Page, RawData, form_for
from hailong.surveys.qtypes import qtype

if TYPE_CHECKING:
    from hailong.accounts.models import User
    from hailong.sampling.models import SampleMember
    from hailong.surveys.models import SurveyWave

QUESTIONS_PER_MINUTE = 4
MAX_VALUES = 50
MAX_CHARS = 10_000


@dataclass(frozen=True)
class ScriptPart:
    title: str
    text: str


def minutes(form: Form) -> int:
    count = sum(len(p.questions) for p in form.pages if p.kind != "contact")
    return max(3, -(-count // QUESTIONS_PER_MINUTE))


SPOKEN = "vi"


def script(wave: SurveyWave, member: SampleMember, interviewer: User) -> list[ScriptPart]:
    """Greeting, purpose, confidentiality and the consent question, in the ward's words."""
    with translation.override(SPOKEN):
        return _script(wave, member, interviewer)


def _script(wave: SurveyWave, member: SampleMember, interviewer: User) -> list[ScriptPart]:
    unit = unit_in_sentence(wave.unit.name)
    who = interviewer.full_name or interviewer.get_username()
    reason = (
        _(
            "Ông/Bà có tên trong danh sách người đã làm thủ tục hành chính tại %(unit)s, "
            "được chọn ngẫu nhiên."
        )
        if member.dossier_id
        else _("Hộ gia đình của Ông/Bà được chọn ngẫu nhiên trong danh sách hộ của %(unit)s.")
    ) % {"unit": unit}
    return [
        ScriptPart(
            _("Chào hỏi"),
            _("Xin chào Ông/Bà. Tôi là %(who)s, cán bộ Ủy ban nhân dân %(unit)s.")
            % {"who": who, "unit": unit},
        ),
        ScriptPart(
            _("Mục đích"),
            _(
                "Ủy ban đang khảo sát ý kiến người dân về sự phục vụ của cơ quan hành chính "
                "(%(wave)s) để cải thiện việc phục vụ. %(reason)s"
            )
            % {"wave": wave.name, "reason": reason},
        ),
        ScriptPart(
            _("Bảo mật"),
            _(
                "Câu trả lời của Ông/Bà được giữ bí mật và chỉ dùng để thống kê; phiếu không ghi "
                "họ tên, số điện thoại. Ông/Bà có thể bỏ qua câu nào không muốn trả lời và dừng "
                "bất cứ lúc nào. Cuộc trao đổi mất khoảng %(minutes)d phút."
            )
            % {"minutes": minutes(form_for(wave))},
        ),
        ScriptPart(
            _("Hỏi ý kiến đồng ý"),
            _("Ông/Bà có đồng ý trả lời một số câu hỏi ngay bây giờ không?"),
        ),
    ]


def _pages(form: Form) -> list[Page]:
    return [p for p in form.pages if p.kind != "contact"]


def raw_from_post(wave: SurveyWave, post: Any) -> dict[str, list[str]]:
    """The posted values of every question (and reason) of the wave's form, bounded."""
    raw: dict[str, list[str]] = {}
    for page in _pages(form_for(wave)):
        for question in page.questions:
            for name in (question.name, f"{question.name}-reason"):
                values = [str(v)[:MAX_CHARS] for v in post.getlist(name)[:MAX_VALUES] if v.strip()]
                if values:
                    raw[name] = values
    return raw


def parse_started(value: str) -> dt.datetime | None:
    """When the interviewer opened the screen (a hidden field); ``None`` if not believable."""
    try:
        moment = dt.datetime.fromisoformat(value[:40])
    except ValueError:
        return None
    now = timezone.now()
    if moment.tzinfo is None or moment > now or now - moment > dt.timedelta(hours=6):
        return None
    return moment


@dataclass(frozen=True)
class Section:
    title: str
    note: str
    condition: str
    widgets: list[SafeString]


def _condition_text(form: Form, page: Page, language: str) -> str:
    condition = page.condition
    if condition is None:
        return ""
    try:
        item = form.definition.item(condition.item)
    except KeyError:
        return ""
    scale = form.definition.scale_of(item)
    labels = {o.value: o.label.get(language) for o in scale.options} if scale else {}
    answers = ", ".join(labels.get(v, str(v)) for v in condition.values)
    return _("Chỉ hỏi nếu câu «%(q)s» được trả lời: %(a)s.") % {
        "q": item.text.get(language),
        "a": answers,
    }


def sections(
    wave: SurveyWave, raw: Mapping[str, list[str]], errors: Mapping[str, str]
) -> list[Section]:
    """Every group of the form with its widgets, filled with ``raw`` and showing ``errors``."""
    form = form_for(wave)
    language = SPOKEN
    data = RawData(raw)
    with translation.override(SPOKEN):
        return _sections(form, language, data, errors)


def _sections(form: Form, language: str, data: RawData, errors: Mapping[str, str]) -> list[Section]:
    return [
        Section(
            title=page.title.get(language),
            note=page.note.get(language) if page.note else "",
            condition=_condition_text(form, page, language),
            widgets=[
                qtype(q.item.type).render(
                    q.item,
                    q.scale,
                    answer=q.lenient(data),
                    error=errors.get(q.code, ""),
                    language=language,
                )
                for q in page.questions
            ],
        )
        for page in _pages(form)
    ]
