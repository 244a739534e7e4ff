"""The shape every benchmark has."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hailong.core.bench.env import BenchEnv

Params = Mapping[str, Any]
Figures = dict[str, Any]


class BenchError(RuntimeError):
    """A benchmark could not run (server did not start, page did not answer 200, …)."""


@dataclass(frozen=True)
class Benchmark:
    name: str
    description: str
    run: Callable[[BenchEnv, Params], Figures]
    params: Params = field(default_factory=dict)
    full_params: Params = field(default_factory=dict)

    def params_for(self, *, full: bool) -> dict[str, Any]:
        return {**self.params, **(self.full_params if full else {})}
