"""The built-in (national) methods shipped as JSON files in ``hailong/surveys/methods/``.

No ORM here: the ``methods`` CLI reads these files when there is no database.
"""

from __future__ import annotations

import json
from pathlib import Path

from hailong.surveys.definition import Definition, DefinitionError, parse_definition

BUILTIN_DIR = Path(__file__).resolve().parent / "methods"


def builtin_paths(directory: Path | None = None) -> list[Path]:
    return sorted((directory or BUILTIN_DIR).glob("*.json"))


def read_definition(path: Path) -> Definition:
    """Parse one file; errors name the file so that a broken fixture is easy to find."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DefinitionError([f"{path.name}: JSON: {exc}"]) from exc
    try:
        return parse_definition(data)
    except DefinitionError as exc:
        raise DefinitionError([f"{path.name}: {e}" for e in exc.errors]) from exc


def builtin_definitions(directory: Path | None = None) -> list[Definition]:
    return [read_definition(path) for path in builtin_paths(directory)]
