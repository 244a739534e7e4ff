"""Import the unit tree from a CSV or XLSX file, all or nothing (see docs/import-units.md).

``units_import`` does the work synchronously (the command, the job); ``unit_import_start``
stores an upload as a ``UnitImport`` job. The steps live in one module each: ``reading``
(bytes → rows), ``legacy`` (TCVN3/VNI), ``parsing`` (header, cells), ``checking`` (rules),
``writing`` (bulk inserts).
"""

from __future__ import annotations

from hailong.units.importing.issues import ImportIssue, ImportRefused
from hailong.units.importing.service import ImportResult, unit_import_start, units_import

__all__ = ["ImportIssue", "ImportRefused", "ImportResult", "unit_import_start", "units_import"]
