"""Form helpers shared by every app."""

from __future__ import annotations

from typing import Any

from django import forms

from hailong.core.errors import ServiceError


class DateInput(forms.DateInput):
    """A dd/mm/yyyy text box (native date pickers show the browser's locale, not ours)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        base = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}
        super().__init__(attrs={**base, **(attrs or {})}, format="%d/%m/%Y")


def add_service_error(form: forms.BaseForm, error: ServiceError) -> None:
    """Attach a service's refusal to the form field it names, or to the whole form."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)
