"""Theme overrides copy as little of Material as they can, and a Material upgrade that changes a copied original fails."""
from __future__ import annotations

import hashlib
import re
from importlib.metadata import version
from pathlib import Path

import material
import yaml

from tests.support import ROOT

ORIGINALS = yaml.safe_load((ROOT / "tests" / "fixtures" / "material-originals.yaml").read_text(encoding="utf-8"))
MATERIAL = Path(material.__file__).parent / "templates"
OVERRIDES = ROOT / "overrides"


def sha256(text: str | bytes) -> str:
    return hashlib.sha256(text.encode("utf-8") if isinstance(text, str) else text).hexdigest()


def block(template: str, name: str) -> str:
    """The text of `{% block name %}…{% endblock %}` in one of Material's templates."""
    found = re.search(r"\{%% block %s %%\}.*?\{%% endblock %%\}" % re.escape(name), template, re.DOTALL)
    assert found, f"Material no longer has the block {name!r}"
    return found.group(0)


def test_the_pinned_material_is_the_one_the_copies_were_taken_from():
    assert version("mkdocs-material") == ORIGINALS["material"]


def test_every_copied_partial_is_listed_with_the_original_it_came_from():
    copies = sorted(p.relative_to(OVERRIDES).as_posix() for p in (OVERRIDES / "partials").rglob("*.html"))
    assert copies == sorted(ORIGINALS["copies"]), "a partial was copied or removed without updating the list"


def test_no_copied_original_changed_since_it_was_copied():
    changed = [name for name, entry in ORIGINALS["copies"].items()
               if sha256((MATERIAL / name).read_bytes()) != entry["sha256"]]
    for ref, entry in ORIGINALS["blocks"].items():
        name, block_name = ref.split("#")
        if sha256(block((MATERIAL / name).read_text(encoding="utf-8"), block_name)) != entry["sha256"]:
            changed.append(ref)
    assert changed == [], f"Material changed what overrides/ copies: compare and carry over, then update the hashes: {changed}"


def test_main_overrides_the_blocks_it_lists():
    main = (OVERRIDES / "main.html").read_text(encoding="utf-8")
    for ref in ORIGINALS["blocks"]:
        assert f"{{% block {ref.split('#')[1]} %}}" in main
