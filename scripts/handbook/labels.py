"""Interface wording, one catalogue per language (i18n/zh.yml, i18n/en.yml), read once per process.

Templates get it as `t`, theme overrides as `hb_labels[lang]`, scripts as the JSON the page carries (`js_*` keys, see
`script_strings`), the service worker from the build. Product line names (`line_<id>`) come from vocabularies.yaml."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .vocabularies import vocabularies
from .yamlload import LoadError, load_bytes

CATALOGUE_DIR = Path(__file__).resolve().parents[2] / "i18n"
LANGUAGES: tuple[str, ...] = ("zh", "en")
SCRIPT_PREFIX = "js_"


class CatalogueError(ValueError):
    """The wording catalogues cannot be used; the message is `file:line: key: problem` lines."""


def read_catalogues(folder: Path = CATALOGUE_DIR) -> dict[str, dict[str, str]]:
    """Both languages' wording; every problem (unreadable file, non-text value, key missing in a language) at once."""
    problems: list[str] = []
    catalogues: dict[str, dict[str, str]] = {}
    lines: dict[str, dict[str, int]] = {}
    for lang in LANGUAGES:
        path = folder / f"{lang}.yml"
        try:
            loaded = load_bytes(path.read_bytes())
        except FileNotFoundError:
            problems.append(f"{path.name}: missing: the interface wording in this language")
            continue
        except LoadError as err:
            problems.append(f"{path.name}:{err.line}: {err.message}")
            continue
        if not isinstance(loaded.data, dict):
            problems.append(f"{path.name}:1: (file): expected a mapping of key to wording")
            continue
        catalogues[lang] = {}
        lines[lang] = {}
        for key, text in loaded.data.items():
            line = loaded.line_of((key,))
            lines[lang][key] = line
            if not isinstance(text, str):
                problems.append(f"{path.name}:{line}: {key}: expected text")
            else:
                catalogues[lang][key] = text
    if len(catalogues) == len(LANGUAGES):
        for lang in LANGUAGES:
            for other in LANGUAGES:
                problems += [f"{other}.yml:{lines[lang][key]}: {key}: missing in {other}.yml (it is in {lang}.yml)"
                             for key in lines[lang] if key not in lines[other] and other != lang]
    if problems:
        raise CatalogueError("\n".join(problems))
    for line, names in vocabularies().product_lines.items():
        for lang, name in names.items():
            catalogues[lang][f"line_{line}"] = name
    return catalogues


@lru_cache(maxsize=None)
def catalogues() -> dict[str, dict[str, str]]:
    """The project's wording, read once per process."""
    return read_catalogues()


LABELS: dict[str, dict[str, str]] = catalogues()


def script_strings(lang: str) -> dict[str, str]:
    """The wording the page's scripts use (keys starting `js_`), emitted into every page as JSON."""
    return {key: text for key, text in LABELS[lang].items() if key.startswith(SCRIPT_PREFIX)}


# Owning departments as records name them (in Chinese, the company's working language), with their English names.
DEPARTMENTS_EN: dict[str, str] = vocabularies().departments


def department(name: str, lang: str) -> str:
    """An owning department's name in the page's language (validation makes sure English has one)."""
    return DEPARTMENTS_EN.get(name, name) if lang == "en" else name
