"""One did-you-mean for every rule that checks a name against known names."""
from __future__ import annotations

import difflib
from typing import Iterable


def did_you_mean(value: str, known: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest known value, or '' when none is close."""
    near = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    return f" (did you mean '{near[0]}'?)" if near else ""
