"""No body, header or path a client can send to /api/v1/ produces a server error.

For each endpoint, hypothesis sends (a) arbitrary JSON, (b) bodies generated from the endpoint's
own JSON Schema (the one the OpenAPI document publishes) with junk mixed in, and (c) junk
headers, tokens and path values. Every answer must be < 500, and every error the JSON error
shape. ``schemathesis`` is not a dependency; these strategies play its part from the same specs.
"""

from __future__ import annotations

import json
import os
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hailong.api import framework
from hailong.api.framework import Endpoint
from hailong.api.specs import ENDPOINTS
from hailong.core import ratelimit
from hailong.surveys.models import SurveyWave
from tests.conftest import Cast
from tests.test_api_factories import call, fresh_cache, make_token, valid_body  # noqa: F401
from tests.test_dossiers_factories import VALID_DATA, load_catalogue
from tests.test_responses_factories import SIPAS_2023, open_wave

pytestmark = pytest.mark.usefixtures("fresh_cache")
# More examples for a longer hunt: HAILONG_FUZZ_EXAMPLES=500 pytest tests/test_api_fuzz.py
EXAMPLES = int(os.environ.get("HAILONG_FUZZ_EXAMPLES", "35"))

TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet="\x00\u0301\u200b\ufeffĐđẠạ <>'\"&%/\\", max_size=12),
    st.sampled_from(["", "0", "-1", "5", "02/03/2026", "2026-02-30", "1.001193", "NaN"]),
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    TEXT,
)
ANY_JSON = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(TEXT, children, max_size=4)
    ),
    max_leaves=12,
)


def from_schema(schema: dict[str, Any], depth: int = 0) -> st.SearchStrategy[Any]:
    """Values shaped by ``schema`` (often valid, sometimes not): a poor man's schemathesis."""
    if depth > 4:
        return SCALARS
    options: list[st.SearchStrategy[Any]] = []
    if "enum" in schema:
        options.append(st.sampled_from(schema["enum"]))
    kinds = schema.get("type", [])
    kinds = [kinds] if isinstance(kinds, str) else kinds
    for kind in kinds:
        options.append(_of_kind(schema, kind, depth))
    options.append(ANY_JSON)
    return st.one_of(*options)


def _of_kind(schema: dict[str, Any], kind: str, depth: int) -> st.SearchStrategy[Any]:
    if kind == "object":
        props = {k: from_schema(v, depth + 1) for k, v in schema.get("properties", {}).items()}
        extra = schema.get("additionalProperties")
        base = st.fixed_dictionaries(
            {k: props[k] for k in schema.get("required", []) if k in props},
            optional={k: v for k, v in props.items() if k not in schema.get("required", [])},
        )
        if isinstance(extra, dict):
            more = st.dictionaries(TEXT, from_schema(extra, depth + 1), max_size=4)
            return st.builds(lambda a, b: {**a, **b}, base, more)
        return base
    if kind == "array":
        items = schema.get("items", {})
        return st.lists(from_schema(items, depth + 1), max_size=4)
    if kind == "string":
        return st.one_of(TEXT, st.text(min_size=0, max_size=schema.get("maxLength", 50) + 2))
    if kind == "integer":
        return st.integers(min_value=-10, max_value=10**6)
    if kind == "null":
        return st.none()
    return SCALARS


@pytest.fixture
def no_limits(monkeypatch: pytest.MonkeyPatch, settings: Any) -> None:
    settings.HAILONG_API_RATE_PER_MINUTE = 10**9
    for name in ("AUTH_FAILURES", "ANONYMOUS"):
        monkeypatch.setattr(framework, name, ratelimit.Rule(f"fuzz-{name}", 10**9, 600))


def _world(cast: Cast) -> tuple[str, SurveyWave]:
    load_catalogue()
    wave = SurveyWave.objects.filter(name="Đợt fuzz").first() or open_wave(
        cast.ngoc_ha, SIPAS_2023, name="Đợt fuzz"
    )
    return make_token(cast)[1], wave


def _path(endpoint: Endpoint, cast: Cast, wave: SurveyWave, junk: str | None) -> str:
    values = {"unit": str(cast.ngoc_ha.pk), "wave": wave.public_token}
    path = endpoint.path
    for name, value in values.items():
        path = path.replace("{" + name + "}", quote(junk if junk is not None else value, safe=""))
    return f"/api/v1{path}"


def _check(response: Any) -> None:
    assert response.status_code < 500, response.content[:500]
    if response.status_code >= 400:
        payload = json.loads(response.content.decode("utf-8"))
        assert set(payload) == {"error"}
        assert payload["error"]["code"]
        assert payload["error"]["message"]


def _fuzz(endpoint: Endpoint) -> Any:
    body = from_schema(endpoint.body) if endpoint.body is not None else st.none()

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        data=st.one_of(body, ANY_JSON),
        key=st.one_of(st.none(), TEXT, st.uuids().map(str)),
        token=st.sampled_from(["good", "none", "junk"]),
        junk_token=TEXT,
        junk_path=st.one_of(st.none(), st.text(min_size=1, max_size=30)),
        method=st.sampled_from([endpoint.method, endpoint.method, "PUT"]),
        content_type=st.sampled_from(["application/json", "application/json", "text/plain"]),
    )
    def run(
        cast: Cast,
        no_limits: None,
        data: Any,
        key: str | None,
        token: str,
        junk_token: str,
        junk_path: str | None,
        method: str,
        content_type: str,
    ) -> None:
        secret, wave = _world(cast)
        header = {"good": secret, "none": None, "junk": f"hl_1_{junk_token}"}[token]
        headers = {"Idempotency-Key": key} if key is not None else {}
        path = _path(endpoint, cast, wave, junk_path)
        raw = json.dumps(data, ensure_ascii=False).encode()
        _check(call(method, path, header, raw=raw, content_type=content_type, headers=headers))

    return run


for _endpoint in ENDPOINTS:
    globals()[f"test_no_request_to_{_endpoint.name}_causes_a_server_error"] = _fuzz(_endpoint)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    changes=st.dictionaries(
        st.sampled_from(["Q1.1", "Q2", "Q8.1", "II.1.1", "OPEN", "KHONG-CO"]),
        from_schema({"type": ["integer", "string", "array", "null"], "items": {"type": "integer"}}),
        max_size=4,
    ),
    respondent=st.dictionaries(
        st.sampled_from(["hamlet", "gender", "age_band", "ethnicity", "x"]),
        st.one_of(st.none(), st.integers(-5, 10**12), TEXT),
        max_size=3,
    ),
    reasons=st.dictionaries(st.sampled_from(["Q1.1", "II.2.3", "y"]), TEXT, max_size=2),
    key=st.uuids().map(str),
)
def test_nearly_valid_responses_never_cause_a_server_error(
    cast: Cast,
    no_limits: None,
    changes: dict[str, Any],
    respondent: dict[str, Any],
    reasons: dict[str, str],
    key: str,
) -> None:
    secret, wave = _world(cast)
    body = valid_body(wave)
    body["answers"].update(changes)
    body["respondent"].update(respondent)
    body["reasons"] = reasons
    url = f"/api/v1/waves/{wave.public_token}/responses"
    _check(call("POST", url, secret, body, headers={"Idempotency-Key": key}))


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    rows=st.lists(
        st.fixed_dictionaries(
            {},
            optional={
                "code": st.one_of(TEXT, st.just(VALID_DATA["code"])),
                "procedure_code": st.one_of(TEXT, st.just("1.001193")),
                "received_on": TEXT,
                "due_on": TEXT,
                "returned_on": TEXT,
                "officer": st.one_of(TEXT, st.just("Đỗ Quang Huy")),
                "department": TEXT,
                "applicant_type": TEXT,
                "channel": TEXT,
                "contact_phone": TEXT,
                "contact_email": TEXT,
            },
        ),
        min_size=1,
        max_size=5,
    )
)
def test_nearly_valid_dossiers_never_cause_a_server_error(
    cast: Cast, no_limits: None, rows: list[dict[str, Any]]
) -> None:
    secret, _wave = _world(cast)
    rows = [{**VALID_DATA, **row} for row in rows]
    _check(call("POST", f"/api/v1/units/{cast.ngoc_ha.pk}/dossiers", secret, {"dossiers": rows}))
