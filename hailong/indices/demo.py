"""Demo: rebuild the running aggregates once every app has seeded its responses.

Demo seeders insert responses in bulk (fast), bypassing ``response_submit``; a rebuild at the
end makes the aggregates agree with the raw responses, as ``hailong aggregates check`` verifies.
"""

from __future__ import annotations

from hailong.core.demo import DemoContext
from hailong.indices import aggregates


def seed(ctx: DemoContext) -> None:
    def rebuild() -> None:
        count = aggregates.rebuild()
        ctx.log(f"chỉ số: tổng hợp lại từ {count} phiếu")

    ctx.finalizers.append(rebuild)
