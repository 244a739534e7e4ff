"""The question-type registry: ``items[].type`` in a definition → the class that handles it.

See ``hailong.surveys.qtypes.base`` for the interface and the checklist to add a type.
"""

from __future__ import annotations

from hailong.surveys.qtypes.base import Answer, AnswerError, QuestionType, Tally
from hailong.surveys.qtypes.multi_choice import MultiChoiceType
from hailong.surveys.qtypes.scale import ScaleType
from hailong.surveys.qtypes.single_choice import SingleChoiceType
from hailong.surveys.qtypes.text import TextType
from hailong.surveys.qtypes.yes_no import YesNoType

REGISTRY: dict[str, type[QuestionType]] = {
    cls.kind: cls for cls in (ScaleType, SingleChoiceType, MultiChoiceType, YesNoType, TextType)
}


def qtype(kind: str) -> QuestionType:
    """The handler of ``kind``; ``KeyError`` for an unknown kind (definitions are validated)."""
    return REGISTRY[kind]()


__all__ = ["REGISTRY", "Answer", "AnswerError", "QuestionType", "Tally", "qtype"]
