"""The 2023 method's frame: households listed per residential group (tổ dân phố, thôn).

Each residential group of the wave's unit is a stratum of ``households`` units, numbered 1…H
as in the group's own household list (the group leader holds it; importing the lists is for
later). A unit's key is ``g<group id>:<number>``; a sampled unit is "household number k".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from hailong.core.errors import ServiceError
from hailong.core.text import vi_sort_key
from hailong.sampling.frames.base import Frame, FrameData, FrameUnit, Period
from hailong.units.models import AdministrativeUnit, UnitLevel

if TYPE_CHECKING:
    from hailong.surveys.models import SurveyWave


def residential_groups(wave: SurveyWave) -> list[AdministrativeUnit]:
    """The wave unit's residential groups that exist during the wave, in Vietnamese order."""
    groups = [
        g
        for g in AdministrativeUnit.objects.filter(parent=wave.unit_id, level=UnitLevel.HAMLET)
        if g.is_valid_on(wave.opens_on) or g.is_valid_on(wave.closes_on)
    ]
    return sorted(groups, key=lambda g: vi_sort_key(g.name))


class HouseholdFrame(Frame):
    kind = "households"

    def check(self, wave: SurveyWave) -> None:
        if wave.unit.level != UnitLevel.COMMUNE:
            raise ServiceError(
                _("Chỉ đơn vị cấp xã có tổ dân phố, thôn để chọn mẫu theo hộ."), field="frame"
            )

    def load(self, wave: SurveyWave, period: Period) -> FrameData:
        units: list[FrameUnit] = []
        labels: dict[str, str] = {}
        missing: list[str] = []
        for group in residential_groups(wave):
            if not group.households:
                missing.append(group.name)
                continue
            stratum = f"g{group.pk}"
            labels[stratum] = group.name
            units.extend(
                FrameUnit(key=f"{stratum}:{k}", stratum=stratum, group_id=group.pk, household=k)
                for k in range(1, group.households + 1)
            )
        notes = []
        if missing:
            notes.append(
                _("Chưa có số hộ, không đưa vào khung mẫu: %(groups)s.")
                % {"groups": ", ".join(missing)}
            )
        return FrameData(units=units, labels=labels, notes=notes)
