"""A tiny, explicit JSON API framework: endpoint specs, one dispatcher, JSON errors.

An ``Endpoint`` is data (method, path, parameters, body schema, replies); ``hailong.api.specs``
lists them all and both the URL conf and the OpenAPI document are built from that list. The
dispatcher runs the same steps for every call:

1. Method allowed at this path (405 with ``Allow`` otherwise); declared body size (413).
2. ``Authorization: Bearer hl_<id>_<secret>`` (401), then the per-token rate limit (429).
3. The handler: it fetches through ``hailong.accounts.scope`` with ``call.grant`` (404 outside
   the token's unit, 403 without the permission), then asks for ``call.body()`` (415, 413, 400,
   422) and ``call.header(...)`` (400), and calls one service.

Errors are ``{"error": {"code", "message", "fields"}}`` with a Vietnamese message; JSON is
UTF-8 without ``\\u`` escapes. Views are CSRF-exempt: only the token authenticates, no cookie.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from hailong.accounts.roles import Perm
from hailong.accounts.scope import Grant
from hailong.api.models import ApiToken
from hailong.api.schema import Schema, join_path, validate
from hailong.api.services import TokenRefused, token_authenticate, token_touch
from hailong.core import ratelimit
from hailong.core.errors import PermissionDenied, ServiceError
from hailong.core.text import nfc

MAX_BODY_BYTES = 1_048_576
MAX_DEPTH = 20
AUTH_FAILURES = ratelimit.Rule("api-auth-failures", limit=30, window=60)
ANONYMOUS = ratelimit.Rule("api-anonymous", limit=120, window=60)
JSON_TYPE = "application/json; charset=utf-8"

# ServiceError codes that mean "the resource is not in a state to accept this" (409).
CONFLICT_CODES = frozenset(
    {"closed", "not_open_yet", "channel_disabled", "invitation_used", "idempotency_key_reused"}
)


class ApiError(Exception):
    """An answer other than success; ``message`` is Vietnamese, ``code`` is for machines."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        fields: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.fields = dict(fields or {})
        self.headers = dict(headers or {})


@dataclass(frozen=True)
class Param:
    """A path or header parameter, validated with ``schema``."""

    name: str
    location: str  # "path" | "header"
    description: str
    schema: Schema
    required: bool = True


@dataclass(frozen=True)
class Reply:
    description: str
    schema: Schema | None = None
    content_type: str = "application/json"


@dataclass(frozen=True)
class Endpoint:
    name: str
    method: str
    path: str  # OpenAPI form under /api/v1, e.g. "/units/{unit}/dossiers"
    summary: str
    description: str = ""
    tag: str = ""
    perm: Perm | None = None
    auth: bool = True
    params: tuple[Param, ...] = ()
    body: Schema | None = None
    replies: Mapping[int, Reply] = field(default_factory=dict)
    conflicts: bool = False  # documents 409

    def error_statuses(self) -> list[int]:
        """The error statuses this endpoint can answer, derived from what it declares."""
        statuses = {429}
        if self.auth:
            statuses |= {401, 403, 404}
        if any(p.location == "header" for p in self.params) or self.body is not None:
            statuses.add(400)
        if self.body is not None:
            statuses |= {413, 415, 422}
        if self.conflicts:
            statuses.add(409)
        return sorted(statuses)


# -- responses ---------------------------------------------------------------------------------


def json_response(
    data: object, *, status: int = 200, headers: Mapping[str, str] | None = None
) -> HttpResponse:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    response = HttpResponse(body.encode(), status=status, content_type=JSON_TYPE)
    response["Cache-Control"] = "no-store"
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def error_response(error: ApiError) -> HttpResponse:
    payload: dict[str, Any] = {"code": error.code, "message": error.message}
    if error.fields:
        payload["fields"] = error.fields
    return json_response({"error": payload}, status=error.status, headers=error.headers)


def service_error(error: ServiceError) -> ApiError:
    """A service's refusal as an API error: 403, 409 for a state conflict, else 422."""
    if isinstance(error, PermissionDenied):
        return ApiError(403, error.code, error.message)
    status = 409 if error.code in CONFLICT_CODES else 422
    fields = {error.field: error.message} if error.field else None
    return ApiError(status, error.code, error.message, fields=fields)


# -- one call ----------------------------------------------------------------------------------


class ApiCall:
    """What a handler gets: the request, its endpoint, the token, the path parameters."""

    def __init__(
        self,
        request: HttpRequest,
        endpoint: Endpoint,
        token: ApiToken | None,
        path: Mapping[str, str],
    ) -> None:
        self.request = request
        self.endpoint = endpoint
        self.token = token
        self.path = {name: nfc(str(value)) for name, value in path.items()}

    @property
    def grant(self) -> Grant:
        """What the scope helpers check for this call (nothing at all without a token)."""
        if self.token is None:
            return Grant(path="", perms=frozenset())
        return self.token.grant()

    def header(self, name: str) -> str | None:
        """A declared header, validated against its spec (400 when missing or malformed)."""
        param = next(p for p in self.endpoint.params if p.location == "header" and p.name == name)
        value = self.request.headers.get(name)
        if value is None or value == "":
            if param.required:
                raise ApiError(
                    400,
                    "missing_header",
                    _("Thiếu tiêu đề %(name)s.") % {"name": name},
                    fields={name: _("Thiếu tiêu đề bắt buộc.")},
                )
            return None
        errors = validate(param.schema, value)
        if errors:
            raise ApiError(
                400,
                "invalid_header",
                _("Tiêu đề %(name)s không hợp lệ.") % {"name": name},
                fields={name: next(iter(errors.values()))},
            )
        return value

    def body(self) -> dict[str, Any]:
        """The JSON body: UTF-8, ≤ 1 MB, every string NFC, valid against the endpoint's schema."""
        schema = self.endpoint.body
        assert schema is not None, f"{self.endpoint.name} declares no body"
        data = _clean_tree(parse_json(self.request))
        errors = validate(schema, data)
        if errors:
            raise ApiError(
                422,
                "validation_error",
                _("Dữ liệu gửi lên chưa hợp lệ; xem chi tiết trong «fields»."),
                fields=errors,
            )
        assert isinstance(data, dict)
        return data


def parse_json(request: HttpRequest) -> object:
    """1. Content type JSON in UTF-8 (415). 2. At most ``MAX_BODY_BYTES`` (413). 3. Parse (400)."""
    charset = (request.content_params or {}).get("charset", "utf-8").lower()
    if request.content_type != "application/json" or charset not in {"utf-8", "utf8"}:
        raise ApiError(
            415,
            "unsupported_media_type",
            _("Chỉ nhận nội dung JSON (Content-Type: application/json; charset=utf-8)."),
        )
    raw = request.read(MAX_BODY_BYTES + 1)
    if len(raw) > MAX_BODY_BYTES:
        raise _too_large()
    try:
        return json.loads(raw.decode("utf-8"), parse_constant=_refuse, parse_float=_finite)
    except (ValueError, RecursionError) as exc:
        raise ApiError(400, "invalid_json", _("Nội dung gửi lên không phải JSON hợp lệ.")) from exc


def _refuse(literal: str) -> float:
    raise ValueError(literal)


def _finite(literal: str) -> float:
    value = float(literal)
    if not math.isfinite(value):
        raise ValueError(literal)
    return value


def _too_large() -> ApiError:
    return ApiError(
        413,
        "payload_too_large",
        _("Nội dung gửi lên lớn quá %(n)d byte.") % {"n": MAX_BODY_BYTES},
    )


def _clean_text(value: str, path: str) -> str:
    """NFC; a NUL or a lone surrogate (which no database stores) is refused (400)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        bad = True
    else:
        bad = "\x00" in value
    if bad:
        raise ApiError(
            400,
            "invalid_text",
            _("Chuỗi chứa ký tự không hợp lệ (NUL hoặc mã UTF-16 lẻ)."),
            fields={path or "$": _("Ký tự không hợp lệ.")},
        )
    return nfc(value)


def _clean_tree(value: object, path: str = "", depth: int = 0) -> object:
    """Every string (keys too) through ``_clean_text``; nesting deeper than ``MAX_DEPTH``: 400."""
    if depth > MAX_DEPTH:
        raise ApiError(400, "too_deep", _("Dữ liệu lồng nhau quá sâu."))
    if isinstance(value, str):
        return _clean_text(value, path)
    if isinstance(value, list):
        return [_clean_tree(v, join_path(path, i), depth + 1) for i, v in enumerate(value)]
    if isinstance(value, dict):
        return {
            _clean_text(k, path): _clean_tree(v, join_path(path, _clean_text(k, path)), depth + 1)
            for k, v in value.items()
        }
    return value


# -- dispatch ----------------------------------------------------------------------------------

Handler = Callable[[ApiCall], HttpResponse]


def route_view(endpoints: list[Endpoint], handlers: Mapping[str, Handler]) -> Callable[..., Any]:
    """One Django view for one path: it picks the endpoint by method and runs ``dispatch``."""
    by_method = {e.method: (e, handlers[e.name]) for e in endpoints}

    @csrf_exempt
    def view(request: HttpRequest, **path: str) -> HttpResponse:
        with translation.override("vi"):
            try:
                return dispatch(request, by_method, path)
            except ApiError as error:
                return error_response(error)

    return view


@csrf_exempt
def not_found(request: HttpRequest) -> HttpResponse:
    """Any path under ``api/v1/`` that names no endpoint."""
    with translation.override("vi"):
        return error_response(ApiError(404, "not_found", _("Không có địa chỉ API này.")))


def dispatch(
    request: HttpRequest, by_method: Mapping[str, tuple[Endpoint, Handler]], path: Mapping[str, str]
) -> HttpResponse:
    """Steps 1–3 of the module docstring; exceptions of the scope helpers become 404/403."""
    found = by_method.get(request.method or "")
    if found is None:
        allowed = ", ".join(sorted(by_method))
        raise ApiError(
            405,
            "method_not_allowed",
            _("Phương thức %(m)s không dùng được ở địa chỉ này.") % {"m": request.method},
            headers={"Allow": allowed},
        )
    endpoint, handler = found
    if _declared_length(request) > MAX_BODY_BYTES:
        raise _too_large()
    token = authenticate(request) if endpoint.auth else None
    _rate_limit(request, token)
    call = ApiCall(request, endpoint, token, path)
    _check_path(endpoint, call)
    try:
        return handler(call)
    except Http404 as exc:
        raise ApiError(
            404, "not_found", _("Không tìm thấy hoặc ngoài phạm vi mã truy cập.")
        ) from exc
    except DjangoPermissionDenied as exc:
        raise ApiError(
            403, "forbidden", _("Mã truy cập không có quyền làm việc này trên đơn vị.")
        ) from exc
    except ServiceError as exc:
        raise service_error(exc) from exc


def _declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _check_path(endpoint: Endpoint, call: ApiCall) -> None:
    """A path parameter its schema refuses cannot name anything: 404."""
    for param in endpoint.params:
        if param.location != "path":
            continue
        value = call.path.get(param.name, "")
        # A control character (NUL above all) names nothing, and PostgreSQL refuses NUL.
        if any(ord(ch) < 32 for ch in value) or validate(param.schema, value):
            raise ApiError(404, "not_found", _("Không tìm thấy hoặc ngoài phạm vi mã truy cập."))


def authenticate(request: HttpRequest) -> ApiToken:
    """The token of ``Authorization: Bearer …`` (401 otherwise; failures are rate-limited)."""
    client = ratelimit.client_id(request)
    if ratelimit.is_limited(AUTH_FAILURES, client):
        raise _limited(AUTH_FAILURES)
    header = request.META.get("HTTP_AUTHORIZATION", "")
    challenge = {"WWW-Authenticate": 'Bearer realm="hailong"'}
    if not header:
        raise ApiError(
            401,
            "missing_token",
            _("Thiếu mã truy cập: gửi tiêu đề Authorization: Bearer <mã truy cập>."),
            headers=challenge,
        )
    scheme, _space, value = str(header).strip().partition(" ")
    try:
        if scheme.lower() != "bearer":
            raise TokenRefused(_("Mã truy cập không hợp lệ."), code="invalid_token")
        token = token_authenticate(value.strip())
    except TokenRefused as refused:
        ratelimit.hit(AUTH_FAILURES, client)
        raise ApiError(401, refused.code, refused.message, headers=challenge) from refused
    token_touch(token)
    return token


def _rate_limit(request: HttpRequest, token: ApiToken | None) -> None:
    if token is None:
        rule, ident = ANONYMOUS, ratelimit.client_id(request)
    else:
        limit = int(getattr(settings, "HAILONG_API_RATE_PER_MINUTE", 300))
        rule, ident = ratelimit.Rule("api-token", limit=limit, window=60), f"t{token.pk}"
    if ratelimit.hit(rule, ident) > rule.limit:
        raise _limited(rule)


def _limited(rule: ratelimit.Rule) -> ApiError:
    seconds = ratelimit.retry_after(rule)
    return ApiError(
        429,
        "rate_limited",
        _("Gửi quá nhiều yêu cầu; hãy thử lại sau %(s)d giây.") % {"s": seconds},
        headers={"Retry-After": str(seconds)},
    )
