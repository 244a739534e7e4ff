"""Demo: where to read the API's documentation and manage the demo ward's tokens.

No token is seeded: a token's secret is shown once, to the administrator who creates it.
"""

from __future__ import annotations

from django.urls import reverse

from hailong.core.demo import DemoContext


def seed(ctx: DemoContext) -> None:
    ctx.urls.append(("API: tài liệu (OpenAPI 3.1)", reverse("api:docs")))
    ward = ctx.objects.get("vinh_phuc")
    if ward is not None:
        ctx.urls.append(
            ("API: mã truy cập của phường", reverse("api_tokens:token_list", args=[ward.pk]))
        )
