"""Interface wording, one catalogue per language (i18n/zh.yml, i18n/en.yml), read once per process.

Templates get it as `t`, theme overrides as `hb_labels[lang]`, scripts as the JSON the page carries (`js_*` keys, see
`script_strings`), the service worker from the build. Product line names (`line_<id>`) come from vocabularies.yaml."""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from string import Formatter

from .vocabularies import vocabularies
from .yamlload import LoadError, load_bytes

CATALOGUE_DIR = Path(__file__).resolve().parents[2] / "i18n"
LANGUAGES: tuple[str, ...] = ("zh", "en")
SCRIPT_PREFIX = "js_"


class CatalogueError(ValueError):
    """The wording catalogues cannot be used; the message is `file:line: key: problem` lines."""


def read_catalogues(folder: Path = CATALOGUE_DIR) -> dict[str, dict[str, str]]:
    """Both languages' wording; every problem (unreadable file, non-text value, key missing in a language, `{name}`
    parts that differ between languages) at once, as `i18n/zh.yml:LINE: key: problem` lines."""
    problems: list[str] = []
    catalogues: dict[str, dict[str, str]] = {}
    lines: dict[str, dict[str, int]] = {}
    for lang in LANGUAGES:
        path = folder / f"{lang}.yml"
        where = f"{folder.name}/{path.name}"
        try:
            loaded = load_bytes(path.read_bytes())
        except FileNotFoundError:
            problems.append(f"{where}: missing: the interface wording in this language")
            continue
        except LoadError as err:
            problems.append(f"{where}:{err.line}: {err.message}")
            continue
        if not isinstance(loaded.data, dict):
            problems.append(f"{where}:1: (file): expected a mapping of key to wording")
            continue
        catalogues[lang], lines[lang] = {}, {}
        for key, text in loaded.data.items():
            line = loaded.line_of((key,))
            if not isinstance(key, str):
                problems.append(f"{where}:{line}: {key!r}: a key must be text (quote it)")
                continue
            lines[lang][key] = line
            if isinstance(text, str):
                catalogues[lang][key] = text
            else:
                problems.append(f"{where}:{line}: {key}: expected text, found {type(text).__name__}")
    if len(catalogues) == len(LANGUAGES):
        problems += _differences(folder.name, catalogues, lines)
    if problems:
        raise CatalogueError("\n".join(problems))
    for line, names in vocabularies().product_lines.items():
        for lang, name in names.items():
            catalogues[lang][f"line_{line}"] = name
    return catalogues


# Parts only some languages write, with the reason: Chinese amounts are also written out in capital numerals (大写).
OPTIONAL_PARTS: dict[str, frozenset[str]] = {"js_money_format": frozenset({"words"})}


def _differences(folder: str, catalogues: dict[str, dict[str, str]], lines: dict[str, dict[str, int]]) -> list[str]:
    """Keys one language lacks, and keys whose `{name}` parts differ between languages."""
    problems: list[str] = []
    first, *others = LANGUAGES
    for lang in LANGUAGES:
        for other in LANGUAGES:
            problems += [f"{folder}/{lang}.yml:{line}: {key}: missing in {other}.yml"
                         for key, line in lines[lang].items() if other != lang and key not in lines[other]]
    for other in others:
        for key, text in catalogues[first].items():
            optional = OPTIONAL_PARTS.get(key, frozenset())
            if key in catalogues[other] and _parts(text) - optional != _parts(catalogues[other][key]) - optional:
                problems.append(f"{folder}/{other}.yml:{lines[other][key]}: {key}: fills in "
                                f"{sorted(_parts(catalogues[other][key]))}, but {first}.yml fills in {sorted(_parts(text))}")
    return problems


def _parts(text: str) -> set[str]:
    """The `{name}` parts a wording has the code fill in."""
    try:
        return {name for _, name, _, _ in Formatter().parse(text) if name is not None}
    except ValueError:
        return {"(unbalanced braces)"}


@lru_cache(maxsize=None)
def catalogues() -> dict[str, dict[str, str]]:
    """The project's wording, read on first use (a broken catalogue raises CatalogueError there, not at import)."""
    return read_catalogues()


class _Catalogues(Mapping[str, dict[str, str]]):
    """`LABELS[lang][key]`: the project's catalogues, read the first time a language is looked up."""

    def __getitem__(self, lang: str) -> dict[str, str]:
        return catalogues()[lang]

    def __iter__(self) -> Iterator[str]:
        return iter(catalogues())

    def __len__(self) -> int:
        return len(catalogues())


LABELS: Mapping[str, dict[str, str]] = _Catalogues()


def wording(lang: str, key: str, **parts: object) -> str:
    """One catalogue entry with its `{name}` parts filled in."""
    text = LABELS[lang][key]
    return text.format(**parts) if parts else text


def script_strings(lang: str) -> dict[str, str]:
    """The wording the page's scripts use (keys starting `js_`), emitted into every page as JSON."""
    return {key: text for key, text in LABELS[lang].items() if key.startswith(SCRIPT_PREFIX)}


def departments_en() -> dict[str, str]:
    """Owning departments as records name them (in Chinese, the company's working language) -> their English names.

    Read on first use, not at import: the vocabularies' loader explains its errors through the schemas, which import
    the kinds, which import this module."""
    return vocabularies().departments


def department(name: str, lang: str) -> str:
    """An owning department's name in the page's language (validation makes sure English has one)."""
    return {"zh": name, "en": departments_en().get(name, name)}[lang]
