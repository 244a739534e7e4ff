"""The 2017 method's frame: people whose dossiers the unit returned in a period.

Strata: field of procedure (lĩnh vực) × respondent type (the applicant type of the dossier),
only the respondent types the wave surveys. A unit's key is its dossier code (stable across
re-imports), so a seed draws the same dossiers whatever order the database returns them in.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from hailong.core.errors import ServiceError
from hailong.dossiers.models import ApplicantType, Dossier
from hailong.sampling.frames.base import Frame, FrameData, FrameUnit, Period
from hailong.surveys.models import RespondentType
from hailong.units.models import UnitLevel

if TYPE_CHECKING:
    from hailong.surveys.models import SurveyWave

APPLICANT_OF = {
    RespondentType.INDIVIDUAL: ApplicantType.INDIVIDUAL,
    RespondentType.ORGANISATION: ApplicantType.ORGANISATION,
}


class DossierFrame(Frame):
    kind = "dossiers"
    needs_period = True

    def check(self, wave: SurveyWave) -> None:
        if wave.unit.level != UnitLevel.COMMUNE:
            raise ServiceError(
                _("Chỉ đơn vị cấp xã có sổ hồ sơ để chọn mẫu theo hồ sơ."), field="frame"
            )

    def default_period(self, wave: SurveyWave) -> Period:
        """From 1 January to the day before the wave opens (the year before, if it opens then)."""
        end = wave.opens_on - dt.timedelta(days=1)
        start = dt.date(end.year, 1, 1)
        return start, end

    def load(self, wave: SurveyWave, period: Period) -> FrameData:
        assert period is not None
        types = [APPLICANT_OF[t] for t in wave.respondent_types if t in APPLICANT_OF]
        rows = (
            Dossier.objects.filter(
                unit=wave.unit,
                returned_on__gte=period[0],
                returned_on__lte=period[1],
                applicant_type__in=types,
            )
            .order_by()
            .values_list(
                "pk", "code", "procedure__field__code", "procedure__field__name", "applicant_type"
            )
        )
        type_labels = dict(ApplicantType.choices)
        units: list[FrameUnit] = []
        labels: dict[str, str] = {}
        for pk, code, field_code, field_name, applicant in rows.iterator(chunk_size=5000):
            stratum = f"{field_code}|{applicant}"
            if stratum not in labels:
                labels[stratum] = f"{field_name} · {type_labels.get(applicant, applicant)}"
            units.append(FrameUnit(key=f"d:{code}", stratum=stratum, dossier_id=pk))
        notes = []
        if len(types) < len(APPLICANT_OF):
            notes.append(
                _("Chỉ tính hồ sơ của đối tượng đợt khảo sát hỏi: %(types)s.")
                % {"types": ", ".join(wave.get_respondent_types_display())}
            )
        return FrameData(units=units, labels=labels, notes=notes)
