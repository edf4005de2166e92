"""Typed records: what the rest of the pipeline works with after validation."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional, Union

import dacite


@dataclass(frozen=True)
class Text:
    zh: str
    en: str

    def __call__(self, lang: str) -> str:
        return getattr(self, lang)


@dataclass(frozen=True)
class TextList:
    """A list of strings per language: a record's aliases, the questions it answers, a fact's keywords."""
    zh: list[str]
    en: list[str]

    def __call__(self, lang: str) -> list[str]:
        return getattr(self, lang)


Aliases = TextList  # extra search words
Questions = TextList  # whole questions a record answers, as staff ask them (searched with weight)


@dataclass(frozen=True)
class Source:
    """An external page (url) or an internal company document (issued date, no url)."""
    title: Text
    url: Optional[str] = None
    issued: Optional[str] = None

    @property
    def internal(self) -> bool:
        return self.url is None


@dataclass(frozen=True)
class Choice:
    value: str
    label: Text


_PRIVATE_TYPES = frozenset({"id_number", "phone"})
_ACCOUNT = re.compile(r"(^|_)(account|acct|card|bank_?card)(_|$)")


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    label: Text
    required: bool = False
    hint: Optional[Text] = None
    width: Optional[str] = None
    choices: list[Choice] = field(default_factory=list)
    example: Optional[Text] = None
    remember: Optional[bool] = None

    @property
    def private(self) -> bool:
        """Never kept by "remember on this device": ID and phone numbers and account numbers, unless `remember: true`;
        any field with `remember: false`."""
        if self.remember is not None:
            return not self.remember
        return self.type in _PRIVATE_TYPES or (self.type == "text" and _ACCOUNT.search(self.name) is not None)
    lines: Optional[int] = None


@dataclass(frozen=True)
class TimeLimit:
    what: Text
    limit: Text


@dataclass(frozen=True)
class StandardSpec:
    category: str
    what: Text
    who: Text
    when: Text
    good_practice: list[Text]
    common_failures: list[Text]
    legal_basis: list[Text]
    time_limits: list[TimeLimit] = field(default_factory=list)


@dataclass(frozen=True)
class Step:
    title: Text
    action: Text
    standard: Optional[Text] = None
    time_limit: Optional[Text] = None
    documents: list[Text] = field(default_factory=list)
    uses: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ProcedureSpec:
    applies_when: Text
    who: Text
    steps: list[Step]
    notes: list[Text] = field(default_factory=list)


@dataclass(frozen=True)
class Turn:
    speaker: str
    say: Text
    note: Optional[Text] = None


@dataclass(frozen=True)
class Objection:
    objection: Text
    answer: Text


@dataclass(frozen=True)
class ScriptSpec:
    situation: Text
    goal: Text
    turns: list[Turn]
    objections: list[Objection]
    must_say: list[Text]
    must_not_say: list[Text]


@dataclass(frozen=True)
class Recipient:
    address: str
    name: str
    salutation: str


@dataclass(frozen=True)
class LetterSpec:
    fields: list[Field]
    recipient: Recipient
    subject: Text
    body: Text
    when_to_send: Text


@dataclass(frozen=True)
class FormSection:
    title: Text
    fields: list[Field]
    rows: int = 1


@dataclass(frozen=True)
class FormSpec:
    purpose: Text
    sections: list[FormSection]
    instructions: list[Text] = field(default_factory=list)
    declaration: Optional[Text] = None

    @property
    def declaration_before(self) -> int:
        """Where the declaration stands: before the first section to sign in, so the signatures follow what they
        confirm; after the last section (its count) when nobody signs."""
        signed = [i for i, sec in enumerate(self.sections) if any(f.type == "signature" for f in sec.fields)]
        return signed[0] if signed else len(self.sections)


@dataclass(frozen=True)
class CheckItem:
    text: Text
    note: Optional[Text] = None


@dataclass(frozen=True)
class CheckGroup:
    title: Text
    items: list[CheckItem]


@dataclass(frozen=True)
class ChecklistSpec:
    groups: list[CheckGroup]
    intro: Optional[Text] = None


@dataclass(frozen=True)
class ExclusionSpec:
    product_lines: list[str]
    clause: Text
    plain: Text
    example: Text
    say: list[Text]
    dont_say: list[Text]
    misunderstanding: Text
    legal_basis: Text
    basis: str  # statutory | contract | prompt-only


@dataclass(frozen=True)
class GlossarySpec:
    definition: Text
    note: Optional[Text] = None


@dataclass(frozen=True)
class QuizOption:
    text: Text
    correct: bool = False


@dataclass(frozen=True)
class QuizQuestion:
    type: str
    question: Text
    options: list[QuizOption]
    explanation: Text
    ref: str

    @property
    def answer(self) -> list[int]:
        """Indexes of the correct options."""
        return [i for i, option in enumerate(self.options) if option.correct]


@dataclass(frozen=True)
class AgendaItem:
    minutes: int
    activity: Text


@dataclass(frozen=True)
class PracticalTask:
    title: Text
    steps: list[Text]
    done_when: Text
    uses: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class CourseModule:
    id: str
    title: Text
    objectives: list[Text]
    reading: list[str]
    roleplay: list[str]
    task: PracticalTask
    quiz: list[QuizQuestion]
    agenda: list[AgendaItem]
    trainer_notes: Text
    watch_for: list[Text]

    @property
    def minutes(self) -> int:
        """The module's length: the sum of its agenda."""
        return sum(item.minutes for item in self.agenda)


@dataclass(frozen=True)
class CourseSpec:
    audience: Text
    intro: Text
    guide: list[Text]
    modules: list[CourseModule]

    @property
    def minutes(self) -> int:
        return sum(module.minutes for module in self.modules)


@dataclass(frozen=True)
class FlowAnswer:
    label: Text
    next: str


@dataclass(frozen=True)
class FlowQuestion:
    id: str
    text: Text
    answers: list[FlowAnswer]
    hint: Optional[Text] = None


@dataclass(frozen=True)
class FlowOutcome:
    id: str
    title: Text
    text: Text
    links: list[str]


@dataclass(frozen=True)
class FlowSpec:
    start: str
    questions: list[FlowQuestion]
    outcomes: list[FlowOutcome]
    intro: Optional[Text] = None
    procedures: list[str] = field(default_factory=list)

    def node(self, node_id: str) -> FlowQuestion | FlowOutcome | None:
        """The question or outcome with this id (None if there is none)."""
        return next((n for n in [*self.questions, *self.outcomes] if n.id == node_id), None)


Spec = Union[StandardSpec, ProcedureSpec, ScriptSpec, LetterSpec, FormSpec, ChecklistSpec, ExclusionSpec, GlossarySpec,
             CourseSpec, FlowSpec]

SPEC_TYPES: dict[str, type] = {
    "standard": StandardSpec,
    "procedure": ProcedureSpec,
    "script": ScriptSpec,
    "letter": LetterSpec,
    "form": FormSpec,
    "checklist": ChecklistSpec,
    "exclusion": ExclusionSpec,
    "glossary": GlossarySpec,
    "course": CourseSpec,
    "flow": FlowSpec,
}


@dataclass(frozen=True)
class ChangeNote:
    date: str
    note: Text


@dataclass(frozen=True)
class Record:
    id: str
    kind: str
    folder: str
    path: str
    title: Text
    summary: Text
    tags: list[str]
    sources: list[Source]
    owner: str
    status: str
    updated: str
    review_by: str
    change_note: Text
    spec: Spec
    aliases: Aliases = Aliases([], [])
    questions: Questions = Questions([], [])
    related: list[str] = field(default_factory=list)
    replaced_by: Optional[str] = None
    history: list[ChangeNote] = field(default_factory=list)

    @property
    def changes(self) -> list[ChangeNote]:
        """Every change note, newest first: the current one (`updated`, `change_note`), then the history."""
        return [ChangeNote(self.updated, self.change_note), *self.history]

    @property
    def ref(self) -> str:
        return f"{self.folder}/{self.id}"


def _whole_number(value: object) -> object:
    """JSON Schema's integer type accepts 2.0; the typed record holds it as 2."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


_CONFIG = dacite.Config(strict=True, type_hooks={int: _whole_number})


def build_record(data: dict, folder: str, path: str) -> Record:
    """Turn a schema-valid dict into a typed Record."""
    spec = dacite.from_dict(SPEC_TYPES[data["kind"]], data["spec"], config=_CONFIG)
    return dacite.from_dict(Record, {**data, "folder": folder, "path": path, "spec": spec}, config=_CONFIG)
