"""The rules' did-you-mean, from `handbook.suggest` (outside this package, so the schema messages can share it)."""
from __future__ import annotations

from ..suggest import did_you_mean

__all__ = ["did_you_mean"]
