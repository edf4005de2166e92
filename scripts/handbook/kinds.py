"""The record kinds: folder and schema names. Their titles and blurbs are wording: `kind_<folder>_title` and
`kind_<folder>_blurb` in the catalogues (i18n/)."""
from __future__ import annotations

from dataclasses import dataclass

from .labels import LABELS

LANGUAGES: tuple[str, ...] = ("zh", "en")
DEFAULT_LANGUAGE = "zh"


@dataclass(frozen=True)
class Kind:
    folder: str
    name: str

    def title(self, lang: str) -> str:
        return LABELS[lang][f"kind_{self.folder}_title"]

    def blurb(self, lang: str) -> str:
        return LABELS[lang][f"kind_{self.folder}_blurb"]


KINDS: tuple[Kind, ...] = (
    Kind("standards", "standard"),
    Kind("procedures", "procedure"),
    Kind("scripts", "script"),
    Kind("letters", "letter"),
    Kind("forms", "form"),
    Kind("checklists", "checklist"),
    Kind("exclusions", "exclusion"),
    Kind("glossary", "glossary"),
    Kind("courses", "course"),
    Kind("flows", "flow"),
)

KIND_BY_FOLDER: dict[str, Kind] = {k.folder: k for k in KINDS}
KIND_BY_NAME: dict[str, Kind] = {k.name: k for k in KINDS}
