"""Every endpoint of ``/api/v1/``, written once: the URL conf, the validators and the OpenAPI
document are all built from ``ENDPOINTS``. Schemas are JSON Schema (2020-12), the dialect of
OpenAPI 3.1; ``hailong.api.schema`` enforces the keywords used here.

Descriptions are documentation for developers of other systems, in Vietnamese like the API's
error messages.
"""

from __future__ import annotations

from typing import Any

from hailong.accounts.roles import Perm
from hailong.api.framework import Endpoint, Param, Reply

MAX_DOSSIERS = 500
CODE_NAMES = {"maxLength": 64, "pattern": r"^[^\s]+$"}


def _text(max_length: int, description: str = "") -> dict[str, Any]:
    schema: dict[str, Any] = {"type": ["string", "null"], "maxLength": max_length}
    if description:
        schema["description"] = description
    return schema


DATE = {
    "type": ["string", "null"],
    "maxLength": 40,
    "description": "Ngày dd/mm/yyyy (hoặc yyyy-mm-dd); giờ kèm theo, nếu có, được bỏ qua.",
    "examples": ["02/03/2026"],
}

DOSSIER: dict[str, Any] = {
    "type": "object",
    "required": ["code"],
    "additionalProperties": False,
    "description": "Một hồ sơ. Trường vắng mặt, null hoặc rỗng: giữ nguyên giá trị đã lưu.",
    "properties": {
        "code": {
            "type": "string",
            "minLength": 1,
            "maxLength": 80,
            "description": "Mã hồ sơ (duy nhất trong đơn vị): chữ, số và . - _ : ( ).",
            "examples": ["000.04.01.H26-260302-0001"],
        },
        "procedure_code": _text(40, "Mã thủ tục trong danh mục (ví dụ 1.001193)."),
        "procedure_name": _text(500, "Tên thủ tục, khi không có mã."),
        "field_name": _text(300, "Lĩnh vực, để phân biệt các thủ tục cùng tên."),
        "received_on": DATE,
        "due_on": DATE,
        "returned_on": DATE,
        "department": _text(200, "Tên bộ phận của đơn vị."),
        "officer": _text(200, "Họ tên cán bộ xử lý (có trong danh sách cán bộ của đơn vị)."),
        "applicant_type": _text(40, "Cá nhân hoặc tổ chức (ca_nhan, to_chuc, «Cá nhân» …)."),
        "channel": _text(40, "Trực tiếp, trực tuyến hoặc bưu chính."),
        "contact_name": _text(200, "Liên hệ của người nộp (để mời khảo sát; xóa khi hết đợt)."),
        "contact_phone": _text(40),
        "contact_email": _text(254),
    },
}

DOSSIER_PUSH: dict[str, Any] = {
    "type": "object",
    "required": ["dossiers"],
    "additionalProperties": False,
    "properties": {
        "dossiers": {
            "type": "array",
            "minItems": 1,
            "maxItems": MAX_DOSSIERS,
            "items": DOSSIER,
            "description": f"Từ 1 đến {MAX_DOSSIERS} hồ sơ; gửi lại cùng mã là cập nhật.",
        }
    },
}

DOSSIER_RESULTS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "counts": {
            "type": "object",
            "properties": {
                k: {"type": "integer"} for k in ("created", "updated", "unchanged", "invalid")
            },
        },
        "results": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "index": {"type": "integer"},
                    "code": {"type": "string"},
                    "status": {"enum": ["created", "updated", "unchanged", "invalid"]},
                    "errors": {"type": "object", "additionalProperties": {"type": "string"}},
                },
            },
        },
    },
}

ANSWER = {
    "type": ["integer", "string", "array", "null"],
    "maxLength": 2000,
    "maxItems": 50,
    "items": {"type": "integer"},
    "description": "Giá trị phương án (số), danh sách giá trị (chọn nhiều) hoặc văn bản.",
}

RESPONSE_SUBMIT: dict[str, Any] = {
    "type": "object",
    "required": ["answers"],
    "additionalProperties": False,
    "properties": {
        "answers": {
            "type": "object",
            "maxProperties": 300,
            "propertyNames": CODE_NAMES,
            "additionalProperties": ANSWER,
            "description": 'Mã câu hỏi → câu trả lời, ví dụ {"CC1": 5, "GY": "…"}.',
        },
        "reasons": {
            "type": "object",
            "maxProperties": 300,
            "propertyNames": CODE_NAMES,
            "additionalProperties": {"type": "string", "maxLength": 1000},
            "description": "Mã câu hỏi → lý do (bắt buộc khi chọn «Không hài lòng» …).",
        },
        "respondent": {
            "type": "object",
            "maxProperties": 50,
            "propertyNames": CODE_NAMES,
            "additionalProperties": {"type": ["integer", "string", "null"], "maxLength": 200},
            "description": "Mã trường thông tin người trả lời → giá trị (giới tính, độ tuổi …).",
        },
        "respondent_type": {"enum": ["individual", "organisation"]},
        "transaction_channel": {"enum": ["direct", "post", "online"]},
        "source": {"type": "string", "maxLength": 32, "description": "Mã nguồn của đợt."},
        "invitation_code": {"type": "string", "maxLength": 32, "description": "Mã mời."},
        "started_at": {
            "type": "string",
            "maxLength": 40,
            "format": "date-time",
            "description": "Lúc người dân bắt đầu trả lời (ISO 8601 có múi giờ).",
        },
    },
}

RESPONSE_STORED: dict[str, Any] = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "wave": {"type": "string"},
        "duplicate": {"type": "boolean"},
        "status": {"enum": ["valid", "flagged", "excluded"]},
        "flags": {"type": "array", "items": {"type": "string"}},
        "submitted_at": {"type": "string", "format": "date-time"},
    },
}

UNIT: dict[str, Any] = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "code": {"type": "string"},
        "name": {"type": "string"},
        "kind": {"type": "string"},
        "level": {"type": "integer"},
        "parent": {"type": ["integer", "null"]},
        "valid_from": {"type": ["string", "null"], "format": "date"},
        "valid_to": {"type": ["string", "null"], "format": "date"},
    },
}

LOCAL_TEXT = {"type": "object", "properties": {"vi": {"type": "string"}, "en": {"type": "string"}}}
QUESTION: dict[str, Any] = {
    "type": "object",
    "properties": {
        "code": {"type": "string"},
        "text": LOCAL_TEXT,
        "type": {"enum": ["scale", "single_choice", "multi_choice", "yes_no", "text"]},
        "required": {"type": "boolean"},
        "channels": {"type": "array", "items": {"type": "string"}},
        "options": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "value": {"type": "integer"},
                    "label": LOCAL_TEXT,
                    "reason_required": {"type": "boolean"},
                    "not_applicable": {"type": "boolean"},
                },
            },
        },
        "max_length": {"type": "integer"},
    },
}
WAVE_STRUCTURE: dict[str, Any] = {
    "type": "object",
    "properties": {
        "wave": {"type": "object"},
        "unit": UNIT,
        "method": {
            "type": "object",
            "properties": {
                "code": {"type": "string"},
                "name": LOCAL_TEXT,
                "version": {"type": "integer"},
                "checksum": {"type": "string"},
            },
        },
        "asks": {"type": "array", "items": {"enum": ["respondent_type", "transaction_channel"]}},
        "groups": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "code": {"type": "string"},
                    "title": LOCAL_TEXT,
                    "condition": {"type": ["object", "null"]},
                    "items": {"type": "array", "items": QUESTION},
                },
            },
        },
        "respondent_fields": {"type": "array", "items": QUESTION},
    },
}

UNIT_REF = Param(
    "unit",
    "path",
    "Mã đơn vị (mã thống kê, ví dụ 00004) hoặc id số của đơn vị.",
    {"type": "string", "minLength": 1, "maxLength": 40},
)
WAVE_TOKEN = Param(
    "wave",
    "path",
    "Mã công khai của đợt khảo sát (như trong đường dẫn, mã QR).",
    {"type": "string", "minLength": 1, "maxLength": 64},
)
IDEMPOTENCY_KEY = Param(
    "Idempotency-Key",
    "header",
    "Khóa duy nhất của lần trả lời này (do máy gửi tạo, ví dụ UUID); gửi lại cùng khóa chỉ "
    "lưu một phiếu.",
    {"type": "string", "minLength": 1, "maxLength": 64, "pattern": r"^[A-Za-z0-9._:\-]+$"},
)

ENDPOINTS: list[Endpoint] = [
    Endpoint(
        name="unit_detail",
        method="GET",
        path="/units/{unit}",
        summary="Thông tin tối thiểu của một đơn vị",
        tag="Đơn vị",
        perm=Perm.VIEW_UNITS,
        params=(UNIT_REF,),
        replies={200: Reply("Đơn vị.", UNIT)},
    ),
    Endpoint(
        name="dossiers_push",
        method="POST",
        path="/units/{unit}/dossiers",
        summary="Gửi hồ sơ đã trả kết quả (một hoặc nhiều, tối đa 500)",
        description=(
            "Tạo hoặc cập nhật hồ sơ theo mã hồ sơ; gửi lại y nguyên không đổi gì "
            "(«unchanged»). Mỗi hồ sơ có kết quả riêng; hồ sơ lỗi không làm hỏng hồ sơ khác."
        ),
        tag="Hồ sơ",
        perm=Perm.MANAGE_DOSSIERS,
        params=(UNIT_REF,),
        body=DOSSIER_PUSH,
        replies={200: Reply("Kết quả từng hồ sơ, theo thứ tự gửi.", DOSSIER_RESULTS)},
    ),
    Endpoint(
        name="wave_structure",
        method="GET",
        path="/waves/{wave}",
        summary="Cấu trúc phiếu của một đợt khảo sát",
        description="Nhóm câu hỏi, mã, loại, thang đo và phương án, thông tin người trả lời.",
        tag="Khảo sát",
        perm=Perm.VIEW_UNITS,
        params=(WAVE_TOKEN,),
        replies={200: Reply("Cấu trúc phiếu.", WAVE_STRUCTURE)},
    ),
    Endpoint(
        name="responses_submit",
        method="POST",
        path="/waves/{wave}/responses",
        summary="Gửi một phiếu trả lời (ki-ốt, ứng dụng đối tác)",
        description=(
            "Cần tiêu đề Idempotency-Key. Lần đầu: 201 và phiếu mới. Gửi lại cùng khóa: 200 "
            "và đúng phiếu đã lưu («duplicate»: true); khác nội dung: 409."
        ),
        tag="Khảo sát",
        perm=Perm.ENTER_RESPONSES,
        params=(WAVE_TOKEN, IDEMPOTENCY_KEY),
        body=RESPONSE_SUBMIT,
        replies={
            201: Reply("Phiếu mới đã lưu.", RESPONSE_STORED),
            200: Reply("Phiếu đã lưu trước đó với cùng khóa.", RESPONSE_STORED),
        },
        conflicts=True,
    ),
    Endpoint(
        name="openapi",
        method="GET",
        path="/openapi.json",
        summary="Tài liệu OpenAPI 3.1 của API này",
        tag="Tài liệu",
        auth=False,
        replies={200: Reply("Tài liệu OpenAPI.", {"type": "object"})},
    ),
    Endpoint(
        name="docs",
        method="GET",
        path="/docs",
        summary="Danh sách các địa chỉ của API (trang HTML)",
        tag="Tài liệu",
        auth=False,
        replies={200: Reply("Trang HTML.", {"type": "string"}, content_type="text/html")},
    ),
]
