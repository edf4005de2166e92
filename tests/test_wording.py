"""Interface wording lives in one catalogue per language (i18n/zh.yml, i18n/en.yml): both languages have every key,
every key is used and every key the code uses exists, no code outside the catalogues carries Chinese wording, and a
broken catalogue stops `check` and `build` with `file:line: key: problem` lines, never a traceback."""
from __future__ import annotations

import ast
import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest

from handbook.deadlines import DEADLINES, INPUTS
from handbook.fact_tokens import CAVEAT_KEY
from handbook.flowpage import FLOW_LABELS
from handbook.insights import REASONS
from handbook.kinds import KINDS
from handbook.labels import LABELS, LANGUAGES, CatalogueError, read_catalogues, script_strings
from handbook.navigation import GUIDE_PAGES, nav_label_key
from handbook.offline import language_prefix, stamp_service_worker
from handbook.review import OwnerReviews
from handbook.vocabularies import vocabularies
from tests.support import ROOT

CATALOGUES = ROOT / "i18n"
PACKAGE = ROOT / "scripts" / "handbook"
SCHEMAS = PACKAGE / "schemas"
TEMPLATES = sorted((PACKAGE / "templates").glob("*.j2"))
OVERRIDES = sorted((ROOT / "overrides").rglob("*.html"))
PYTHON = sorted(p for p in PACKAGE.rglob("*.py")) + [ROOT / "scripts" / "hooks.py"]
SCRIPTS = [ROOT / "docs" / "assets" / name for name in ("feedback.js", "flows.js", "deadlines.js", "freshness.js")]
SERVICE_WORKER = ROOT / "docs" / "zh" / "sw.js"
# The page scripts' modules: read for the keys they use; their Chinese is checked in tests/test_modules.py.
READS_STRINGS = sorted((ROOT / "docs" / "assets" / "hb").glob("*.js"))


# ---------- a broken catalogue, reported at once ----------

def write(folder: Path, zh: str, en: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "zh.yml").write_text(zh, encoding="utf-8")
    (folder / "en.yml").write_text(en, encoding="utf-8")
    return folder


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(CatalogueError) as caught:
        read_catalogues(folder)
    return str(caught.value).splitlines()


def test_a_missing_key_and_a_non_text_value_are_reported_together_with_file_and_line(tmp_path):
    folder = write(tmp_path / "i18n", "# wording\nsummary: 概要\nrelated: 相关内容\ncount: 3\n",
                   "# wording\nsummary: Summary\ncount: three\n")
    assert problems_of(folder) == [
        "i18n/zh.yml:4: count: expected text, found int",
        "i18n/zh.yml:3: related: missing in en.yml",
    ]


def test_parts_filled_in_by_the_code_must_match_between_languages(tmp_path):
    folder = write(tmp_path / "i18n", "showing: 显示 {n} 条\n", "showing: Showing {count}\n")
    assert problems_of(folder) == ["i18n/en.yml:1: showing: fills in ['count'], but zh.yml fills in ['n']"]


def test_an_unreadable_or_missing_catalogue_is_one_line_each(tmp_path):
    folder = tmp_path / "i18n"
    folder.mkdir()
    (folder / "zh.yml").write_text("summary: [概要\n", encoding="utf-8")
    found = problems_of(folder)
    assert len(found) == 2
    assert found[0].startswith("i18n/zh.yml:") and "Traceback" not in found[0]
    assert found[1] == "i18n/en.yml: missing: the interface wording in this language"


def test_the_project_catalogues_are_well_formed():
    read_catalogues(CATALOGUES)  # raises with every problem if not


# ---------- every key used, every used key defined ----------

def enum_of(schema: str, prop: str) -> list[str]:
    """The enum of a property named `prop` anywhere in a schema (the one source of those values)."""
    def walk(node: object) -> Iterator[list[str]]:
        if isinstance(node, dict):
            found = node.get("properties", {}).get(prop) if isinstance(node.get("properties"), dict) else None
            if isinstance(found, dict) and "enum" in found:
                yield found["enum"]
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, list):
            for value in node:
                yield from walk(value)
    enums = list(walk(json.loads((SCHEMAS / schema).read_text(encoding="utf-8"))))
    assert enums, f"{schema} has no enum for {prop}"
    return enums[0]


def family_keys() -> dict[str, set[str]]:
    """Keys the code builds from a prefix and a value, each family listed from the data that gives its values."""
    return {
        "status_": {f"status_{s}" for s in enum_of("common.schema.json", "status")}
                   | {f"status_{f.name}" for f in dataclasses.fields(OwnerReviews)},
        "basis_": {f"basis_{b}{suffix}" for b in enum_of("exclusion.schema.json", "basis") for suffix in ("", "_means")},
        "line_": {f"line_{line}" for line in vocabularies().product_lines},
        "dl_in_": {f"dl_in_{i}" for i in INPUTS},
        "dl_": {f"dl_{d.id}" for d in DEADLINES},
        "fb_": {f"fb_{reason}" for reason in REASONS},
        "kind_": {f"kind_{k.folder}_{part}" for k in KINDS for part in ("title", "blurb")},
        "month_": {f"month_{m}" for m in range(1, 13)},
        "unit_": {f"unit_{u}_{n}" for u in enum_of("facts.schema.json", "unit") for n in ("one", "many")},
        "nav_": {nav_label_key(page) for page in GUIDE_PAGES},
    }


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


KEY = r"([a-z][a-z0-9_-]*)"
TEMPLATE_USES = (re.compile(rf"\b(?:t|words)\.{KEY}\b(?!\s*\()"), re.compile(rf"hb_labels\[[^\]]+\]\.{KEY}"),
                 re.compile(rf"\bt\[[\"']{KEY}[\"']\]"))
TEMPLATE_FAMILY = re.compile(r"\bt\[[\"']([a-z][a-z0-9_]*_)[\"']\s*~")
LOOKUP_BY_VALUE = re.compile(r"\bt\[([a-z_][a-z0-9_.]*)\]")  # t[turn.speaker]: the key is a value of the data
PYTHON_USES = (re.compile(rf"LABELS\[[^\]]+\]\[[\"']{KEY}[\"']\]"), re.compile(rf"\bt\[[\"']{KEY}[\"']\]"),
               re.compile(rf"\bwording\([^,()]+,\s*[\"']{KEY}[\"']"))
PYTHON_FAMILY = re.compile(r"(?:LABELS\[[^\]]+\]\[|\bwording\([^,()]+,\s*)f[\"']([a-z][a-z0-9_]*_)\{")
NAV_LOOKUP = re.compile(r"\[nav_label_key\(")  # LABELS[lang][nav_label_key(page)]: the guide pages' labels
SCRIPT_USES = re.compile(r"\b(js_[a-z0-9_-]+)\b")


def keys_by_value() -> dict[str, set[str]]:
    """Lookups whose key is a value itself (`t[turn.speaker]`), with the data those values come from."""
    return {"turn.speaker": set(enum_of("script.schema.json", "speaker")), "key": set(FLOW_LABELS)}


def keys_used() -> tuple[set[str], set[str]]:
    """(keys named in templates, overrides, Python, scripts and the service worker; prefixes of key families and
    expressions whose value is the key)."""
    used: set[str] = {CAVEAT_KEY, *FLOW_LABELS, "nav_home"}
    families: set[str] = set()
    for path in TEMPLATES + OVERRIDES + PYTHON:
        text = read(path)
        patterns = PYTHON_USES if path.suffix == ".py" else TEMPLATE_USES
        used |= {m for pattern in patterns for m in pattern.findall(text)}
        families |= set((PYTHON_FAMILY if path.suffix == ".py" else TEMPLATE_FAMILY).findall(text))
        families |= set(LOOKUP_BY_VALUE.findall(text))
        if NAV_LOOKUP.search(text):
            families.add("nav_")
    for path in SCRIPTS + READS_STRINGS + [SERVICE_WORKER]:
        used |= set(SCRIPT_USES.findall(read(path)))
    return used, families


# A key no code reads yet, with the reason it stays.
NOT_YET_READ: dict[str, str] = {}


def generated_keys(families: set[str]) -> set[str]:
    known = {**family_keys(), **keys_by_value()}
    return set().union(*(known[f] for f in families if f in known))


def test_every_key_the_code_uses_exists_in_both_languages():
    used, families = keys_used()
    expected = generated_keys(families)
    for lang in LANGUAGES:
        missing = sorted((used | expected) - set(LABELS[lang]))
        assert not missing, f"{lang}: used by the code but not in the catalogue: {missing}"


def test_every_family_of_keys_is_checked_against_the_data_that_makes_it():
    _, families = keys_used()
    unknown = sorted(families - set(family_keys()) - set(keys_by_value()))
    assert not unknown, f"keys built from these prefixes or values have no list of values to check them against: {unknown}"
    assert {"status_", "basis_", "line_", "dl_in_", "dl_", "fb_", "kind_", "month_", "unit_", "nav_", "turn.speaker"} <= families


def test_every_key_in_the_catalogue_is_used():
    used, families = keys_used()
    expected = generated_keys(families)
    unused = sorted(set(LABELS["zh"]) - used - expected - set(NOT_YET_READ))
    assert not unused, f"in the catalogue but used nowhere: {unused}"


def test_the_usage_scan_sees_what_it_should():
    """The scan finds keys written each way the code writes them (guards the regular expressions above)."""
    used, families = keys_used()
    assert {"sources", "colon", "search_title", "not_found_title", "whats_new_title", "paren", "cite_sep",
            "sw_offline_title", "contract_caveat", "flow_back", "date", "citation"} <= used
    assert "items" not in used  # a method call such as t.items() is not a key


def test_script_wording_is_the_js_keys_only():
    for lang in LANGUAGES:
        strings = script_strings(lang)
        assert strings and all(key.startswith("js_") for key in strings)
        assert set(strings) == {k for k in LABELS[lang] if k.startswith("js_")}


# ---------- no Chinese wording outside the catalogues ----------

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
HAN_ESCAPE = re.compile(r"\\u(?:3[4-9a-f]|[4-9][0-9a-f]|f[9a])[0-9a-f]{2}", re.IGNORECASE)

# Chinese in code that is not interface wording: what it matches in editors' text, with the reason.
HAN_ALLOWED: dict[tuple[str, str], str] = {
    ("scripts/handbook/placeholders.py", r"\s*\}\})\s*元"):
        "the currency word an editor writes after an amount in a Chinese letter body, dropped where the amount prints its own",
    ("scripts/handbook/render.py", "首次发布。"): "the change note that means first published, as editors write it in records",
    ("scripts/handbook/render.py", "首次发布"): "the same change note without the full stop",
}
# Modules that read Chinese text rather than write interface wording, with the reason.
HAN_ALLOWED_MODULES: dict[str, str] = {
    "scripts/handbook/synthetic.py": "generates Chinese test records for the scale benchmark (content, not interface)",
    "scripts/handbook/glossary_links.py": "recognises Chinese law titles and book-title marks in record text",
    "scripts/handbook/fieldtables.py": "writes the Chinese half of CONTRIBUTING.md's field tables: the editors' guide, not the site",
    "scripts/handbook/rules": "validation rules that find hand-written numbers, dates and citations in Chinese record text",
}


def docstring_nodes(tree: ast.AST) -> set[int]:
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                found.add(id(first.value))
    return found


def python_han(path: Path) -> Iterator[tuple[int, str]]:
    """String literals with Chinese characters (docstrings and comments explain code and are left out)."""
    tree = ast.parse(read(path))
    skip = docstring_nodes(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip and HAN.search(node.value):
            yield node.lineno, node.value


def strip_comments(text: str, patterns: tuple[str, ...]) -> str:
    for pattern in patterns:
        text = re.sub(pattern, lambda m: "\n" * m.group(0).count("\n"), text, flags=re.DOTALL)
    return text


JINJA_COMMENT = r"\{#.*?#\}"
HTML_COMMENT = r"<!--.*?-->"
JS_COMMENTS = (r"/\*.*?\*/", r"(?<![:\\\"'])//[^\n]*")


def han_lines(text: str) -> list[tuple[int, str]]:
    return [(n, line.strip()) for n, line in enumerate(text.splitlines(), 1) if HAN.search(line) or HAN_ESCAPE.search(line)]


def test_no_chinese_wording_in_templates_overrides_and_scripts():
    found: list[str] = []
    for path in TEMPLATES + OVERRIDES:
        text = strip_comments(read(path), (JINJA_COMMENT, HTML_COMMENT))
        found += [f"{path.relative_to(ROOT)}:{n}: {line[:80]}" for n, line in han_lines(text)]
    for path in SCRIPTS + [SERVICE_WORKER]:
        text = strip_comments(read(path), JS_COMMENTS)
        found += [f"{path.relative_to(ROOT)}:{n}: {line[:80]}" for n, line in han_lines(text)]
    assert not found, "Chinese wording outside the catalogues:\n" + "\n".join(found)


def test_no_chinese_wording_in_python_outside_the_allowed_matches():
    found: list[str] = []
    for path in PYTHON:
        rel = path.relative_to(ROOT).as_posix()
        if any(rel == m or rel.startswith(m + "/") for m in HAN_ALLOWED_MODULES):
            continue
        found += [f"{rel}:{line}: {value!r}" for line, value in python_han(path) if (rel, value) not in HAN_ALLOWED]
    assert not found, "Chinese wording in Python (move it to i18n/zh.yml):\n" + "\n".join(found)


def test_the_han_scan_catches_wording_written_every_way(tmp_path):
    module = tmp_path / "m.py"
    module.write_text('"""文档说明。"""\n# 注释\nTITLE = "最近更新"\nOTHER = f"{1}年"\n', encoding="utf-8")
    assert [value for _, value in python_han(module)] == ["最近更新", "年"]
    script = 'var a = "\\u79bb\\u7ebf"; /* 离线 */ // 注释\nvar b = "首页";\n'
    assert [n for n, _ in han_lines(strip_comments(script, JS_COMMENTS))] == [1, 2]
    template = '{#- 例如 -#}\n<p>{{ "、" if lang == "zh" else ", " }}</p>\n'
    assert [n for n, _ in han_lines(strip_comments(template, (JINJA_COMMENT,)))] == [2]


def test_allowed_chinese_literals_still_exist():
    """An allowance for a literal that is gone must go too."""
    present = {(path.relative_to(ROOT).as_posix(), value) for path in PYTHON for _, value in python_han(path)}
    assert set(HAN_ALLOWED) <= present


def test_no_language_picks_the_wording_in_templates_overrides_and_scripts():
    condition = re.compile(r"""(?:lang|LANG|language)\s*(?:==|!=|===|!==)\s*["'](?:zh|en)["']""")
    found = [f"{p.relative_to(ROOT)}:{n}" for p in TEMPLATES + OVERRIDES + SCRIPTS + [SERVICE_WORKER]
             for n, line in enumerate(read(p).splitlines(), 1) if condition.search(line)]
    # Neither picks wording: a letter's recipient block follows each language's postal order (address first in
    # Chinese), and the feedback script sends the page's language code with each event.
    assert found == ["scripts/handbook/templates/letter.md.j2:22", "docs/assets/feedback.js:14"]


# ---------- the service worker's wording comes from the build ----------

def test_the_service_worker_gets_each_languages_offline_page_from_the_catalogue(tmp_path):
    site = tmp_path / "site"
    for lang in LANGUAGES:
        (site / language_prefix(lang)).mkdir(parents=True, exist_ok=True)
        (site / language_prefix(lang) / "index.html").write_text("<!doctype html><title>home</title>", encoding="utf-8")
    shutil.copy(SERVICE_WORKER, site / "sw.js")
    stamp_service_worker(site, "v1")
    line = next(l for l in read(site / "sw.js").splitlines() if l.startswith("const BUILD = "))
    build = json.loads(line[len("const BUILD = "):-1])
    assert build["languages"] == [
        {"lang": lang, "prefix": language_prefix(lang), "title": LABELS[lang]["sw_offline_title"],
         "text": LABELS[lang]["sw_offline_text"].replace("{button}", LABELS[lang]["save_offline"]),
         "home": LABELS[lang]["nav_home"]} for lang in LANGUAGES]
    assert build["languages"][1]["text"].endswith("tap “Save this section for offline use”.")  # the button's own name


# ---------- a broken catalogue stops check and build cleanly ----------

@pytest.fixture(scope="module")
def broken_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project whose catalogues lack a key in English and hold a list where text belongs."""
    project = tmp_path_factory.mktemp("wording") / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".venv", "site", ".build", ".git", "node_modules",
                                                                 "__pycache__", "tests", "dev-docs", "deploy"))
    zh = read(project / "i18n" / "zh.yml") + "only_in_zh: 只在中文里\n"
    (project / "i18n" / "zh.yml").write_text(zh, encoding="utf-8")
    en = read(project / "i18n" / "en.yml").replace("sources: Sources\n", "sources: [Sources]\n")
    (project / "i18n" / "en.yml").write_text(en, encoding="utf-8")
    return project


def run_in(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(project / "scripts"), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("HANDBOOK_DATA_DIR", None)
    return subprocess.run([sys.executable, *args], cwd=project, env=env, capture_output=True, text=True, check=False, timeout=300)


def expected_lines(project: Path) -> list[str]:
    zh_line = read(project / "i18n" / "zh.yml").splitlines().index("only_in_zh: 只在中文里") + 1
    en_line = read(project / "i18n" / "en.yml").splitlines().index("sources: [Sources]") + 1
    return [f"i18n/en.yml:{en_line}: sources: expected text, found list", f"i18n/zh.yml:{zh_line}: only_in_zh: missing in en.yml"]


@pytest.mark.parametrize("command", [("-m", "handbook", "check"), ("-m", "handbook", "build"),
                                     ("-m", "mkdocs", "build", "--strict")], ids=["check", "build", "mkdocs-build"])
def test_a_broken_catalogue_stops_check_and_build_with_file_and_line(broken_project, command):
    done = run_in(broken_project, *command)
    out = done.stdout + done.stderr
    assert done.returncode != 0
    assert "Traceback" not in out
    for line in expected_lines(broken_project):
        assert line in out
    assert not (broken_project / "site").exists()
