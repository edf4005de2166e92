"""Synthetic but valid records of every kind, for scale benchmarks: `python -m handbook.synthetic OUT --records N`."""
from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path
from typing import Callable

import yaml

from .kinds import KINDS, Kind

# Records per kind in the real content (245 records, courses planned); synthetic sets keep the same mix.
MIX: dict[str, int] = {"standards": 23, "procedures": 17, "scripts": 14, "letters": 9, "forms": 8,
                       "checklists": 16, "exclusions": 38, "glossary": 120, "courses": 2, "flows": 6}

TOPICS = [("续期交费", "renewal premium"), ("理赔申请", "claim application"), ("受益人变更", "beneficiary change"),
          ("保单复效", "reinstatement"), ("犹豫期退保", "free-look cancellation"), ("地址变更", "address change"),
          ("生存金领取", "survival benefit"), ("红利通知", "dividend notice"), ("投诉处理", "complaint handling"),
          ("孤儿单回访", "orphan policy visit"), ("重疾理赔", "critical illness claim"), ("医疗报销", "medical reimbursement")]
PHRASES = [("核对投保人身份证件和保单号", "check the policyholder's ID and policy number"),
           ("确认应交保费金额和扣款账户", "confirm the premium due and the debit account"),
           ("告知宽限期截止日和效力中止的后果", "give the end of the grace period and what a lapse means"),
           ("登记客户最新的联系电话和地址", "record the customer's latest phone number and address"),
           ("提醒客户保留缴费凭证", "remind the customer to keep the payment receipt"),
           ("复核受益人姓名、关系和受益比例", "check the beneficiaries' names, relationships and shares"),
           ("按公司规定在系统中如实记录", "record it truthfully in the system as the rules require"),
           ("在约定时间内回访客户", "call the customer back at the agreed time"),
           ("用通俗的话解释条款中的责任免除", "explain the exclusions in the clause in plain words"),
           ("不得承诺合同以外的利益", "never promise anything the contract does not give"),
           ("请客户本人签字确认", "ask the customer to sign in person"),
           ("资料不全时一次性告知需补充的材料", "list every missing document at once"),
           ("遇到疑难情况及时上报主管", "escalate difficult cases to the supervisor promptly"),
           ("在两个工作日内完成受理", "accept the application within two working days")]
SOURCE = {"title": {"zh": "人身保险业务基本服务规定", "en": "Basic Service Rules for Personal Insurance"},
          "url": "https://www.gov.cn/gongbao/content/2010/content_1702219.htm"}


class _NoAliasDumper(yaml.SafeDumper):
    """Write every value out in full: the loader refuses anchors and aliases."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def split_counts(total: int) -> dict[str, int]:
    """How many records of each kind make `total`, in the real mix (largest remainder, at least one of each)."""
    weight = sum(MIX.values())
    exact = {k: max(1.0, total * w / weight) for k, w in MIX.items()}
    counts = {k: int(v) for k, v in exact.items()}
    for k in sorted(exact, key=lambda k: exact[k] - counts[k], reverse=True)[: max(0, total - sum(counts.values()))]:
        counts[k] += 1
    return counts


class _Writer:
    """Bilingual text for one record, from a seeded random source so every run writes the same files."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def text(self, phrases: int = 2) -> dict[str, str]:
        picked = self.rng.sample(PHRASES, phrases)
        en = "; ".join(p[1] for p in picked)
        return {"zh": "，".join(p[0] for p in picked) + "。", "en": en[0].upper() + en[1:] + "."}

    def texts(self, count: int, phrases: int = 2) -> list[dict[str, str]]:
        return [self.text(phrases) for _ in range(count)]


def _standard(w: _Writer, n: int) -> dict:
    return {"category": w.rng.choice(["basic", "service-item", "quality", "compliance"]), "what": w.text(3),
            "who": w.text(1), "when": w.text(1), "good_practice": w.texts(4), "common_failures": w.texts(3),
            "legal_basis": w.texts(1), "time_limits": [{"what": w.text(1), "limit": {"zh": f"{n % 9 + 1}个工作日内", "en": f"Within {n % 9 + 1} working days"}}]}


def _procedure(w: _Writer, n: int, refs: dict[str, list[str]]) -> dict:
    steps = []
    for s in range(5):
        uses = [refs[f][n % len(refs[f])] for f in ("scripts", "letters", "forms", "checklists") if refs.get(f)][s % 4: s % 4 + 1]
        steps.append({"title": {"zh": f"第{s + 1}步", "en": f"Step {s + 1}"}, "action": w.text(3), "standard": w.text(1),
                      "time_limit": {"zh": f"{s + 1}个工作日内", "en": f"Within {s + 1} working days"},
                      "documents": w.texts(2, 1), "uses": uses})
    return {"applies_when": w.text(2), "who": w.text(1), "steps": steps, "notes": w.texts(2)}


def _script(w: _Writer, n: int) -> dict:
    turns = [{"speaker": "agent" if t % 2 == 0 else "customer", "say": w.text(2)} for t in range(8)]
    return {"situation": w.text(2), "goal": w.text(1), "turns": turns,
            "objections": [{"objection": w.text(1), "answer": w.text(3)} for _ in range(3)],
            "must_say": w.texts(2), "must_not_say": w.texts(2)}


def _letter(w: _Writer, n: int) -> dict:
    fields = [("holder_name", "text", "投保人姓名", "Policyholder's name"), ("policy_no", "policy_no", "保单号", "Policy number"),
              ("due_date", "date", "应交日", "Due date"), ("amount", "money", "应交保费", "Premium due"),
              ("agent_phone", "phone", "服务人员电话", "Agent's phone")]
    body_zh = ("尊敬的{{ holder_name }}{{ salutation }}：\n\n您的保单（保单号 {{ policy_no }}）下一期保费 {{ amount }} 元将于 {{ due_date }} 到期。"
               + w.text(3)["zh"] + "\n\n如有疑问，请致电 {{ agent_phone }}。")
    body_en = ("Dear {{ salutation }} {{ holder_name }},\n\nThe next premium of {{ amount }} on policy {{ policy_no }} falls due on {{ due_date }}. "
               + w.text(3)["en"] + "\n\nIf you have any questions, call {{ agent_phone }}.")
    salutation = {"name": "salutation", "type": "choice", "required": True, "label": {"zh": "称谓", "en": "Title"},
                  "choices": [{"value": "mr", "label": {"zh": "先生", "en": "Mr"}}, {"value": "ms", "label": {"zh": "女士", "en": "Ms"}}]}
    address = {"name": "recipient_address", "type": "textarea", "required": True, "label": {"zh": "收件地址", "en": "Postal address"}}
    return {"fields": [{"name": f, "type": t, "required": True, "label": {"zh": zh, "en": en}} for f, t, zh, en in fields]
            + [salutation, address],
            "recipient": {"address": "recipient_address", "name": "holder_name", "salutation": "salutation"},
            "subject": {"zh": f"交费提醒 {n:04d}", "en": f"Premium reminder {n:04d}"},
            "body": {"zh": body_zh, "en": body_en}, "when_to_send": w.text(1)}


def _form(w: _Writer, n: int) -> dict:
    sections = []
    for s in range(3):
        fields = [{"name": f"s{s}_field_{f}", "type": t, "label": {"zh": f"栏目{s + 1}-{f + 1}", "en": f"Item {s + 1}.{f + 1}"}}
                  for f, t in enumerate(["text", "date", "phone", "textarea"])]
        sections.append({"title": {"zh": f"第{s + 1}部分", "en": f"Part {s + 1}"}, "fields": fields})
    return {"purpose": w.text(2), "instructions": w.texts(3), "sections": sections, "declaration": w.text(2)}


def _checklist(w: _Writer, n: int) -> dict:
    groups = [{"title": {"zh": f"第{g + 1}组", "en": f"Group {g + 1}"}, "items": [{"text": w.text(1)} for _ in range(5)]} for g in range(3)]
    return {"intro": w.text(2), "groups": groups}


def _exclusion(w: _Writer, n: int) -> dict:
    lines = w.rng.sample(["life", "critical-illness", "medical", "accident"], 2)
    return {"basis": "contract", "product_lines": lines, "clause": w.text(3), "plain": w.text(3), "example": w.text(4), "say": w.texts(2),
            "dont_say": w.texts(2), "misunderstanding": w.text(2), "legal_basis": w.text(1)}


def _glossary(w: _Writer, n: int) -> dict:
    return {"definition": w.text(3), "note": w.text(1)}


def _course(w: _Writer, n: int, refs: dict[str, list[str]]) -> dict:
    def pick(folder: str, k: int) -> str:
        return refs[folder][(n + k) % len(refs[folder])]

    def question(q: int) -> dict:
        options = [{"text": w.text(1), **({"correct": True} if o == q % 3 else {})} for o in range(3)]
        return {"type": "single", "question": w.text(1), "options": options, "explanation": w.text(2), "ref": pick("glossary", q)}

    modules = [{"id": f"module-{m + 1}", "title": {"zh": f"第{m + 1}单元", "en": f"Module {m + 1}"}, "objectives": w.texts(3),
                "reading": [pick("procedures", m), pick("exclusions", m)], "roleplay": [pick("scripts", m)],
                "task": {"title": w.text(1), "steps": w.texts(3), "done_when": w.text(1), "uses": [pick("letters", m)]},
                "quiz": [question(q) for q in range(8)],
                "agenda": [{"minutes": 15, "activity": w.text(1)}, {"minutes": 30, "activity": w.text(1)}],
                "trainer_notes": w.text(3), "watch_for": w.texts(2)} for m in range(3)]
    return {"audience": w.text(1), "intro": w.text(3), "guide": w.texts(3), "modules": modules}


def _flow(w: _Writer, n: int, refs: dict[str, list[str]]) -> dict:
    """Four questions in a chain, each with a way out to its own outcome, the last one to a fifth outcome."""
    def pick(folder: str, k: int) -> str:
        return refs[folder][(n + k) % len(refs[folder])]

    questions = [{"id": f"question-{q + 1}", "text": w.text(1),
                  "answers": [{"label": w.text(1), "next": f"question-{q + 2}" if q < 3 else "outcome-5"},
                              {"label": w.text(1), "next": f"outcome-{q + 1}"}]} for q in range(4)]
    outcomes = [{"id": f"outcome-{o + 1}", "title": w.text(1), "text": w.text(2),
                 "links": [pick("procedures", o), pick("scripts", o)]} for o in range(5)]
    return {"intro": w.text(2), "procedures": [pick("procedures", 0)], "start": "question-1",
            "questions": questions, "outcomes": outcomes}


SPECS: dict[str, Callable[..., dict]] = {"standards": _standard, "scripts": _script, "letters": _letter, "forms": _form,
                                         "checklists": _checklist, "exclusions": _exclusion, "glossary": _glossary}
WITH_REFS: dict[str, Callable[..., dict]] = {"procedures": _procedure, "courses": _course, "flows": _flow}


def record(kind: Kind, n: int, refs: dict[str, list[str]], rng: random.Random) -> dict:
    """One schema-valid record of this kind, number n."""
    w = _Writer(rng)
    topic = TOPICS[n % len(TOPICS)]
    spec = WITH_REFS[kind.folder](w, n, refs) if kind.folder in WITH_REFS else SPECS[kind.folder](w, n)
    related = [] if kind.folder == "glossary" else refs["glossary"][n % 7: n % 7 + 1]
    return {
        "id": f"synthetic-{kind.name}-{n:05d}", "kind": kind.name,
        "title": {"zh": f"{topic[0]}{kind.title('zh')} {n:04d}", "en": f"{topic[1].capitalize()} {kind.title('en').lower()} {n:04d}"},
        "summary": w.text(2), "tags": [kind.name, topic[1].replace(" ", "-")],
        "aliases": {"zh": [f"{topic[0]}{n:04d}"], "en": [f"{topic[1]} {n:04d}"]},
        "sources": [SOURCE], "owner": "客户服务部", "status": "approved", "updated": "2026-11-20", "review_by": "2030-11-20",
        "change_note": {"zh": "首次发布。", "en": "First published."}, "related": related, "spec": spec,
    }


def generate(target: Path, total: int, seed: int = 7) -> dict[str, int]:
    """Write `total` records in the real mix of kinds into target/<kind>/<id>.yaml; return the count per kind."""
    shutil.rmtree(target, ignore_errors=True)
    missing = sorted(k.folder for k in KINDS if k.folder not in MIX)
    if missing:
        raise ValueError(f"no synthetic records for {missing}: add them to MIX and SPECS")
    counts = split_counts(total)
    refs = {k.folder: [f"{k.folder}/synthetic-{k.name}-{n:05d}" for n in range(counts[k.folder])] for k in KINDS}
    rng = random.Random(seed)
    for kind in KINDS:
        folder = target / kind.folder
        folder.mkdir(parents=True, exist_ok=True)
        for n in range(counts[kind.folder]):
            data = record(kind, n, refs, rng)
            text = yaml.dump(data, Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False, width=1000)
            header = f"# yaml-language-server: $schema=../../../scripts/handbook/schemas/{kind.name}.schema.json\n"
            (folder / f"{data['id']}.yaml").write_text(header + text, encoding="utf-8")
    write_tag_names(target)
    write_letterhead(target)
    return counts


def write_letterhead(target: Path) -> None:
    """letterhead.yaml for the synthetic letters."""
    data = {"company": {"zh": "示例人寿保险股份有限公司", "en": "Sample Life Insurance Co., Ltd."},
            "address": {"zh": "示例市示例路 1 号", "en": "1 Sample Road, Sample City"}, "service_phone": "400-000-0000"}
    header = "# yaml-language-server: $schema=../../scripts/handbook/schemas/letterhead.schema.json\n"
    text = yaml.dump(data, Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False, width=1000)
    (target / "letterhead.yaml").write_text(header + text, encoding="utf-8")


def write_tag_names(target: Path) -> None:
    """tags.yaml naming every tag the synthetic records use: one per kind and one per topic."""
    names = {kind.name: {"zh": kind.title('zh'), "en": kind.title('en').lower()} for kind in KINDS}
    names.update({en.replace(" ", "-"): {"zh": zh, "en": en} for zh, en in TOPICS})
    text = yaml.dump({"tags": dict(sorted(names.items()))}, Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False, width=1000)
    header = "# yaml-language-server: $schema=../../scripts/handbook/schemas/tags.schema.json\n"
    (target / "tags.yaml").write_text(header + text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m handbook.synthetic", description=__doc__)
    parser.add_argument("target", type=Path, help="folder to (re)create; use it with HANDBOOK_DATA_DIR=target")
    parser.add_argument("--records", type=int, default=100, help="total records, all kinds together (default 100)")
    args = parser.parse_args(argv)
    counts = generate(args.target, args.records)
    print(f"Wrote {sum(counts.values())} records to {args.target}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
