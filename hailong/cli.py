"""The ``hailong`` command: Django's management commands, with dashes allowed in names.

``hailong seed-demo`` runs the ``seed_demo`` management command, ``hailong migrate`` runs
``migrate``, and so on. ``hailong help`` lists them all.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hailong.settings")
    args = list(sys.argv if argv is None else argv)
    if len(args) > 1 and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
    args[0] = "hailong"
    from django.core.management import execute_from_command_line

    execute_from_command_line(args)


if __name__ == "__main__":
    main()
