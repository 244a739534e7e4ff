"""A sample plan: the frame of a wave, Slovin's size and the allocation per stratum (no writes).

The draw form shows a plan before anything is written ("xem trước"), and ``sample_draw``
stores the same plan as the draw's design JSON, so the page can always show N, e, n, the
formula and every stratum exactly as they were when the sample was drawn.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from hailong.core.errors import ServiceError
from hailong.core.text import vi_sort_key
from hailong.sampling import design
from hailong.sampling.frames import REGISTRY, FrameUnit, Period, frame_get
from hailong.surveys.models import SurveyWave

ALGORITHM = "sha256(seed|key), smallest n_h per stratum"
ROUNDING = "ceil"
ALLOCATION = "proportional, largest remainder, capped at N_h"


@dataclass(frozen=True)
class Stratum:
    key: str
    label: str
    size: int  # N_h
    target: int  # responses wanted: Slovin's n allocated
    invited: int  # invitations: the sample size allocated
    own_slovin: int  # Slovin's n if this stratum were surveyed on its own


@dataclass
class Plan:
    frame: str
    period: Period
    margin: Decimal
    frame_size: int
    slovin_exact: float
    slovin_size: int
    sample_size: int
    minimum: int
    strata: list[Stratum]
    notes: list[str] = field(default_factory=list)
    units: list[FrameUnit] = field(default_factory=list, repr=False)

    def invited_by_stratum(self) -> dict[str, int]:
        return {s.key: s.invited for s in self.strata}

    def design_json(self, seed: int) -> dict[str, Any]:
        """Everything needed to read (and redo) the draw, as stored on ``SampleDraw.design``."""
        return {
            "frame": self.frame,
            "period": [d.isoformat() for d in self.period] if self.period else None,
            "margin": str(self.margin),
            "N": self.frame_size,
            "slovin_exact": round(self.slovin_exact, 4),
            "slovin": self.slovin_size,
            "n": self.sample_size,
            "minimum_per_stratum": self.minimum,
            "rounding": ROUNDING,
            "allocation": ALLOCATION,
            "algorithm": ALGORITHM,
            "seed": seed,
            "strata": [
                {
                    "key": s.key,
                    "label": s.label,
                    "N": s.size,
                    "target": s.target,
                    "n": s.invited,
                    "slovin": s.own_slovin,
                }
                for s in self.strata
            ],
            "notes": self.notes,
        }


def period_check(frame: str, period: Period) -> Period:
    """A period is needed by the dossier frame, ignored by the others, and must be in order."""
    if not REGISTRY[frame].needs_period:
        return None
    if period is None:
        raise ServiceError(_("Hãy chọn khoảng thời gian trả kết quả hồ sơ."), field="period_start")
    if period[1] < period[0]:
        raise ServiceError(_("Ngày kết thúc trước ngày bắt đầu."), field="period_end")
    return period


def margin_check(margin: Decimal) -> Decimal:
    if not design.MIN_MARGIN <= margin <= design.MAX_MARGIN:
        raise ServiceError(
            _("Sai số e phải từ %(lo)s đến %(hi)s.")
            % {"lo": design.MIN_MARGIN, "hi": design.MAX_MARGIN},
            field="margin",
        )
    return margin.quantize(Decimal("0.001"))


def plan_compute(
    *,
    wave: SurveyWave,
    frame: str,
    period: Period = None,
    margin: Decimal = design.DEFAULT_MARGIN,
    sample_size: int | None = None,
    minimum: int = 0,
) -> Plan:
    """The plan of a draw from ``frame`` for ``wave``.

    1. The frame serves the wave; the period and the margin are valid.
    2. Load the frame (every unit with its stratum); an empty frame is refused.
    3. Slovin's n on N; the sample size is n unless asked otherwise (1 … N).
    4. Allocate both in proportion to the strata sizes (strata in Vietnamese order).
    """
    if frame not in REGISTRY:
        raise ServiceError(_("Khung mẫu không hợp lệ."), field="frame")
    kind = frame_get(frame)
    kind.check(wave)
    period = period_check(frame, period)
    margin = margin_check(margin)
    data = kind.load(wave, period)
    total = len(data.units)
    if total == 0:
        raise ServiceError(_("Khung mẫu không có phần tử nào."), field="frame")
    slovin = design.slovin(total, margin)
    size = slovin if sample_size is None else sample_size
    if not 1 <= size <= total:
        raise ServiceError(
            _("Số thư mời phải từ 1 đến %(n)d (cỡ tổng thể).") % {"n": total}, field="sample_size"
        )
    sizes = design.sizes_of(data.units)
    ordered = dict(sorted(sizes.items(), key=lambda kv: vi_sort_key(data.labels[kv[0]])))
    targets = design.allocate(ordered, slovin, minimum=minimum)
    invited = design.allocate(ordered, size, minimum=minimum)
    strata = [
        Stratum(
            key=key,
            label=data.labels[key],
            size=n_h,
            target=targets[key],
            invited=invited[key],
            own_slovin=design.slovin(n_h, margin),
        )
        for key, n_h in ordered.items()
    ]
    return Plan(
        frame=frame,
        period=period,
        margin=margin,
        frame_size=total,
        slovin_exact=float(design.slovin_exact(total, margin)),
        slovin_size=slovin,
        sample_size=size,
        minimum=minimum,
        strata=strata,
        notes=data.notes,
        units=data.units,
    )


def default_period(wave: SurveyWave, frame: str) -> Period:
    return frame_get(frame).default_period(wave) if frame in REGISTRY else None


def vi_number(value: float | int, decimals: int = 0) -> str:
    """``2300`` → ``2.300``; ``340.736`` → ``340,74`` (Vietnamese separators)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def formula_text(frame_size: int, margin: Decimal, exact: float, size: int) -> str:
    """``n = N / (1 + N·e²) = 2.300 / (1 + 2.300 × 0,05²) = 340,74 → 341``."""
    e = str(margin.normalize()).replace(".", ",")
    n = vi_number(frame_size)
    return (
        f"n = N / (1 + N·e²) = {n} / (1 + {n} × {e}²) = {vi_number(exact, 2)} → {vi_number(size)}"
    )


def strata_rows(design_json: dict[str, Any]) -> list[dict[str, Any]]:
    """The strata of a stored design, each with its share of the frame in percent."""
    total = int(design_json.get("N") or 0)
    return [
        {**s, "share": 100.0 * int(s["N"]) / total if total else 0.0}
        for s in design_json.get("strata", [])
    ]
