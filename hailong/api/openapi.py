"""The OpenAPI 3.1 document, generated from ``hailong.api.specs.ENDPOINTS`` (nothing else)."""

from __future__ import annotations

from typing import Any

from hailong.api.framework import Endpoint, Param
from hailong.api.specs import ENDPOINTS

PREFIX = "/api/v1"
ERROR_REF = {"$ref": "#/components/schemas/Error"}
ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": {"type": "string", "examples": ["validation_error"]},
                "message": {"type": "string", "description": "Thông báo tiếng Việt."},
                "fields": {
                    "type": "object",
                    "additionalProperties": {"type": "string"},
                    "description": "Đường dẫn trường (ví dụ dossiers[3].received_on) → lỗi.",
                },
            },
        }
    },
}
ERROR_TEXT = {
    400: "Yêu cầu sai (JSON hỏng, thiếu tiêu đề, ký tự không hợp lệ).",
    401: "Thiếu mã truy cập, mã sai, đã thu hồi hoặc hết hạn.",
    403: "Mã truy cập không có quyền này trên đơn vị.",
    404: "Không có, hoặc ngoài phạm vi đơn vị của mã truy cập.",
    409: "Trạng thái không cho phép (đợt chưa mở / đã đóng, khóa đã dùng cho nội dung khác).",
    413: "Nội dung lớn quá 1 MB.",
    415: "Không phải application/json (UTF-8).",
    422: "Dữ liệu không hợp lệ; chi tiết từng trường trong «fields».",
    429: "Quá nhiều yêu cầu; xem tiêu đề Retry-After.",
}


def openapi_document() -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {}
    for endpoint in ENDPOINTS:
        paths.setdefault(PREFIX + endpoint.path, {})[endpoint.method.lower()] = _operation(endpoint)
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "hailong API",
            "version": "1",
            "description": (
                "API cho hệ thống một cửa và ứng dụng đối tác: gửi hồ sơ, gửi phiếu trả lời, "
                "đọc cấu trúc phiếu. Xác thực: Authorization: Bearer hl_<id>_<bí mật>."
            ),
        },
        "paths": paths,
        "components": {
            "schemas": {"Error": ERROR_SCHEMA},
            "securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "hl_<id>_<…>"}
            },
        },
    }


def _operation(endpoint: Endpoint) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "operationId": endpoint.name,
        "summary": endpoint.summary,
        "tags": [endpoint.tag] if endpoint.tag else [],
        "security": [{"bearerAuth": []}] if endpoint.auth else [],
        "responses": _responses(endpoint),
    }
    if endpoint.description:
        operation["description"] = endpoint.description
    if endpoint.perm is not None:
        operation["x-permission"] = endpoint.perm.value
    if endpoint.params:
        operation["parameters"] = [_parameter(p) for p in endpoint.params]
    if endpoint.body is not None:
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": endpoint.body}},
        }
    return operation


def _parameter(param: Param) -> dict[str, Any]:
    return {
        "name": param.name,
        "in": param.location,
        "required": param.required or param.location == "path",
        "description": param.description,
        "schema": param.schema,
    }


def _responses(endpoint: Endpoint) -> dict[str, Any]:
    responses: dict[str, Any] = {}
    for status, reply in sorted(endpoint.replies.items()):
        entry: dict[str, Any] = {"description": reply.description}
        if reply.schema is not None:
            entry["content"] = {reply.content_type: {"schema": reply.schema}}
        responses[str(status)] = entry
    for status in endpoint.error_statuses():
        responses[str(status)] = {
            "description": ERROR_TEXT[status],
            "content": {"application/json": {"schema": ERROR_REF}},
        }
    return responses
