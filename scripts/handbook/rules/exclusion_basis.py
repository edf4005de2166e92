"""An exclusion's `basis` agrees with what it cites: statutory only with Insurance Law Arts. 43–45, prompt-only only
with SPC Interpretation (II) Art. 10."""
from __future__ import annotations

import re
from typing import Iterator

from ..model import ExclusionSpec, Record
from ..problems import Problem
from . import Raw, rule

_STATUTORY_ZH = re.compile(r"保险法[^（(解]*?第\s*(43|44|45|四十三|四十四|四十五)\s*条")
_STATUTORY_EN = re.compile(r"Insurance Law\b[^;]*?\bArts?\.?\s*(?:\d+\s*(?:,|and|&)\s*)*(43|44|45)\b", re.IGNORECASE)
_PROMPT_ZH = re.compile(r"解释（二）[^;；]*?第\s*10\s*条")
_PROMPT_EN = re.compile(r"Interpretation \(II\)[^;]*?\bArts?\.?\s*10\b", re.IGNORECASE)

_NEEDS = {
    "statutory": ((_STATUTORY_ZH, _STATUTORY_EN), "a source citing Insurance Law Art. 43, 44 or 45 (the law's own exclusions); "
                  "any other exclusion is basis: contract (or prompt-only)"),
    "prompt-only": ((_PROMPT_ZH, _PROMPT_EN), "a source citing SPC Interpretation (II) Art. 10 (a prompt suffices for acts "
                    "the law prohibits)"),
}


def cited(record: Record) -> list[str]:
    """The titles of the record's sources, both languages."""
    return [text for s in record.sources for text in (s.title.zh, s.title.en)]


@rule("record", "statutory-without-article.yaml")
def exclusion_basis_matches_sources(raw: Raw, record: Record) -> Iterator[Problem]:
    """basis: statutory needs a source citing Insurance Law Art. 43–45; prompt-only needs SPC Interpretation (II) Art. 10."""
    spec = record.spec
    if not isinstance(spec, ExclusionSpec) or spec.basis not in _NEEDS:
        return
    patterns, needs = _NEEDS[spec.basis]
    if not any(p.search(title) for title in cited(record) for p in patterns):
        yield Problem(raw.path, raw.loaded.line_of(("spec", "basis")), "spec.basis", f"is '{spec.basis}' but the record has no {needs}")
