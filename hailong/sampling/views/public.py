"""The short invitation link ``/moi/<code>``: it opens the wave's form with the code filled in.

A wrong code counts as a guess against the same per-device limit as the form's own code box
(``responses.integrity.INVITATION_MISSES``), so codes cannot be tried in bulk here either.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from hailong.core import ratelimit
from hailong.responses import integrity
from hailong.responses.models import Invitation
from hailong.responses.services import invitation_code_clean


def _message(request: HttpRequest, message: str, status: int) -> HttpResponse:
    response = render(request, "responses/public/message.html", {"message": message}, status=status)
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def invitation_open(request: HttpRequest, code: str) -> HttpResponse:
    fingerprint = ratelimit.client_fingerprint(request)
    if ratelimit.is_limited(integrity.INVITATION_MISSES, fingerprint):
        response = _message(request, _("Xin Ông/Bà thử lại sau ít phút."), 429)
        response["Retry-After"] = str(ratelimit.retry_after(integrity.INVITATION_MISSES))
        return response
    clean = invitation_code_clean(code)
    invitation = Invitation.objects.select_related("wave").filter(code=clean).first()
    if invitation is None:
        ratelimit.hit(integrity.INVITATION_MISSES, fingerprint)
        return _message(
            request, _("Mã mời không đúng. Xin kiểm tra lại đường dẫn trong thư mời."), 404
        )
    url = reverse("survey_form:start", args=[invitation.wave.public_token])
    return redirect(f"{url}?moi={invitation.code}")
