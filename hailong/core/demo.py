"""The demo seeding registry.

Each app that has demo data provides ``hailong/<app>/demo.py`` with ``seed(ctx: DemoContext)``.
``hailong seed-demo`` calls them in ``INSTALLED_APPS`` order, so a later app can use what an
earlier one made (through ``ctx.objects``). Every seeder must be idempotent.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps

DEMO_PASSWORD = "hailong-demo-2023"  # noqa: S105 (demo only, printed on purpose)


@dataclass
class DemoContext:
    log: Callable[[str], None] = print
    objects: dict[str, Any] = field(default_factory=dict)
    accounts: list[tuple[str, str, str]] = field(default_factory=list)  # username, pwd, what
    urls: list[tuple[str, str]] = field(default_factory=list)  # what, path
    finalizers: list[Callable[[], None]] = field(default_factory=list)  # run after all seeders


def run_seeders(ctx: DemoContext) -> DemoContext:
    for config in apps.get_app_configs():
        if not config.name.startswith("hailong."):
            continue
        module_name = f"{config.name}.demo"
        if config.name == "hailong.core" or importlib.util.find_spec(module_name) is None:
            continue
        module = importlib.import_module(module_name)
        module.seed(ctx)
    for finalize in ctx.finalizers:
        finalize()
    return ctx
