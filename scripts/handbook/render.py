"""Render typed records into Markdown pages (with HTML blocks) through Jinja2 templates."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Callable

import jinja2
from markupsafe import Markup, escape

from .collate import by_initial, by_title, collation_key
from .deadlines import EMBEDS, LETTER_FILLS, PAGE_GROUPS, WorkCalendar, input_views, missing_facts, work_calendar
from .fact_tokens import FactText
from .facts import NO_FACTS, Facts
from .flowgraph import outline
from .flowpage import flow_page_data
from .kinds import KIND_BY_FOLDER, KINDS, Kind
from .glossary_links import GlossaryTerms, glossary_terms, term_linker
from .insights import REASONS
from .labels import LABELS, department
from .letterhead import Letterhead
from .model import Record, Text
from .page_assets import FACTS_PAGE_ASSETS, PageAssets, index_assets, page_assets
from .placeholders import fill
from .vocabularies import vocabularies
from .review import reviews_by_owner

TEMPLATE_DIR = Path(__file__).parent / "templates"
PRODUCT_LINES: tuple[str, ...] = tuple(vocabularies().product_lines)  # in the order the exclusions page lists them
# The characters Python-Markdown (with the tables extension) lets a backslash escape; `~` is not one of them, so
# escaping it would print the backslash.
_MD_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def md_inline(value: str) -> Markup:
    """Escape text for a Markdown heading or list line: HTML-escaped and Markdown syntax neutralised."""
    return Markup(_MD_SPECIALS.sub(r"\\\1", str(escape(value))))


def _fact_text(context: jinja2.runtime.Context) -> FactText | None:
    ctx = context.get("ctx")
    return ctx.fact_text if isinstance(ctx, PageContext) else None


@jinja2.pass_context
def gloss(context: jinja2.runtime.Context, value: str) -> Markup:
    """Escape text, render its fact tokens and link the page's first use of each glossary term."""
    link = context.get("link")
    fx = _fact_text(context)
    if fx is not None:
        return fx.html(value, link)
    return link(value) if link is not None else escape(value)


@jinja2.pass_context
def paragraphs(context: jinja2.runtime.Context, value: str) -> Markup:
    """Plain text to HTML paragraphs: blank lines split paragraphs, single newlines become <br>."""
    link = context.get("link")
    fx = _fact_text(context)
    if isinstance(value, Markup):
        wrap: Callable[[str], Markup] = (lambda line: fx.html(Markup(line))) if fx is not None else Markup
    else:
        wrap = (lambda line: fx.html(line, link)) if fx is not None else (link or escape)
    parts = [p.strip() for p in re.split(r"\n\s*\n", str(value).strip()) if p.strip()]
    return Markup("").join(Markup("<p>{}</p>").format(Markup("<br>").join(wrap(line) for line in p.splitlines())) for p in parts)


@jinja2.pass_context
def plain(context: jinja2.runtime.Context, value: str) -> str:
    """Text for an attribute, a heading or a link's own text: fact tokens as plain words, no link."""
    fx = _fact_text(context)
    return fx.plain(value) if fx is not None else value


@jinja2.pass_context
def md_heading(context: jinja2.runtime.Context, value: str) -> Markup:
    """`md_inline` after the fact tokens are written out as plain text."""
    return md_inline(plain(context, value))


@jinja2.pass_context
def to_json(context: jinja2.runtime.Context, value: object) -> Markup:
    """Jinja's `tojson`, with fact tokens in a text written out as plain words (front matter: title, description)."""
    if isinstance(value, str):
        value = plain(context, value)
    return jinja2.utils.htmlsafe_json_dumps(value, dumps=None, sort_keys=True)


@jinja2.pass_context
def finalize(context: jinja2.runtime.Context, value: object) -> object:
    """Every `{{ text }}` renders its fact tokens: as links in page text, as plain words where already escaped."""
    if isinstance(value, str) and "[[" in value:
        fx = _fact_text(context)
        if fx is not None:
            return fx.plain(value) if isinstance(value, Markup) else fx.html(value)
    return value


def slot(name: str, kind: str = "") -> Markup:
    """A placeholder in a letter preview: filled in the browser, a blank line on paper; `kind` styles it (date)."""
    classes = f"hb-slot hb-slot--{kind}" if kind else "hb-slot"
    return Markup('<span class="{0}" data-slot="{1}"><span class="hb-blank" aria-hidden="true"></span></span>').format(classes, name)


@dataclass(frozen=True)
class PageContext:
    lang: str
    base: str
    records: dict[str, Record]
    tag_names: dict[str, Text] = field(default_factory=dict)
    facts: Facts = NO_FACTS
    paper: bool = False  # letters and forms: fact tokens print as plain words, with no link

    @property
    def fact_text(self) -> FactText:
        return FactText(self.facts, self.lang, None if self.paper else f"{self.base}facts/")

    @property
    def t(self) -> dict[str, str]:
        return LABELS[self.lang]

    def href(self, ref: str) -> str:
        return f"{self.base}{ref}/"

    def title_of(self, ref: str) -> str:
        record = self.records.get(ref)
        return self.fact_text.plain(record.title(self.lang)) if record else ref

    def kind_title(self, folder: str) -> str:
        return KIND_BY_FOLDER[folder].title(self.lang)

    def owner_label(self, owner: str) -> str:
        return department(owner, self.lang)

    def flows_for(self, ref: str) -> list[Record]:
        """The flows that lead into this record (they name it among their procedures)."""
        return [r for r in self.records.values() if r.kind == "flow" and r.status != "retired"
                and ref in r.spec.procedures]  # type: ignore[union-attr]

    def tag_label(self, tag: str) -> str:
        """A tag's name in the page's language (the tag itself where tags.yaml does not name it)."""
        name = self.tag_names.get(tag)
        return name(self.lang) if name else tag


@lru_cache(maxsize=None)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=finalize,
    )
    env.filters["md"] = md_heading
    env.filters["plain"] = plain
    env.filters["tojson"] = to_json
    env.filters["para"] = paragraphs
    env.filters["gloss"] = gloss
    env.filters["letter_para"] = letter_paragraphs
    env.globals["slot"] = slot
    env.globals["kinds"] = KINDS
    env.globals["feedback_reasons"] = REASONS
    return env


@jinja2.pass_context
def letter_paragraphs(context: jinja2.runtime.Context, value: Markup) -> Markup:
    """A letter body as paragraphs; the last one (sender and date, 落款) is the sign-off, set to the right."""
    html = paragraphs(context, value)
    head, sep, last = str(html).rpartition("<p>")
    return Markup(head + '<p class="hb-signoff">' + last) if sep else html


def _body_filler(record: Record, lang: str) -> Callable[[], Markup]:
    fields = record.spec.fields  # type: ignore[union-attr]
    money = frozenset(f.name for f in fields if f.type == "money") if lang == "zh" else frozenset()
    dates = frozenset(f.name for f in fields if f.type == "date")
    return lambda: fill(record.spec.body(lang), lambda name: slot(name, "date" if name in dates else ""), money)  # type: ignore[union-attr]


def render_record(record: Record, lang: str, records: dict[str, Record], terms: GlossaryTerms | None = None,
                  tag_names: dict[str, Text] | None = None, letterhead: Letterhead | None = None,
                  facts: Facts = NO_FACTS, cal: WorkCalendar | None = None) -> str:
    """One record's page in one language, as Markdown with HTML blocks (`cal`: the working-day calendar, the
    package's years alone when not given)."""
    ctx = PageContext(lang=lang, base="../../", records=records, tag_names=tag_names or {}, facts=facts,
                      paper=record.kind in ("letter", "form"))
    template = environment().get_template(f"{record.kind}.md.j2")
    extra: dict[str, object] = {"letter_body": _body_filler(record, lang), "letterhead": letterhead} if record.kind == "letter" else {}
    if record.kind == "flow":
        extra = {"outline": outline(record.spec), "flow_data": flow_page_data(record.spec, ctx)}  # type: ignore[arg-type]
    assets = page_assets(record.kind)
    if (record.ref in EMBEDS or record.ref in LETTER_FILLS) and facts.facts and not missing_facts(facts):
        cal = cal or work_calendar()
        assets = assets.plus(("deadlines.js",), ("deadlines.css",))
        extra["deadline_views"] = input_views(EMBEDS.get(record.ref, ()), facts, lang, ctx.t["dl_after_grace"])
        extra["deadline_fills"] = {field: list(rule) for field, rule in LETTER_FILLS.get(record.ref, {}).items()}
        extra.update(cal_first=cal.first_year, cal_last=cal.last_year)
    link = None if record.kind in ("letter", "form") else term_linker(terms or glossary_terms(list(records.values()), lang), ctx.base, record)
    return template.render(r=record, s=record.spec, lang=lang, ctx=ctx, t=ctx.t, link=link, assets=assets, **extra)


def render_index(kind: Kind, lang: str, records: list[Record], all_records: dict[str, Record],
                 tag_names: dict[str, Text] | None = None, facts: Facts = NO_FACTS) -> str:
    """The generated index page of one kind, listing its records with their summaries."""
    ctx = PageContext(lang=lang, base="../", records=all_records, tag_names=tag_names or {}, facts=facts)
    listed = by_title((r for r in records if r.status != "retired"), lang)
    if kind.name == "exclusion":
        template = environment().get_template("exclusions_index.md.j2")
        tags = sorted({tag for r in listed for tag in r.tags}, key=lambda tag: collation_key(ctx.tag_label(tag), lang))
        return template.render(kind=kind, records=listed, lines=PRODUCT_LINES, tags=tags, lang=lang, ctx=ctx, t=ctx.t,
                               assets=index_assets(kind.name))
    groups = by_initial(listed, lang) if kind.name == "glossary" else [("", listed)]
    template = environment().get_template("index.md.j2")
    return template.render(kind=kind, records=listed, groups=groups, lang=lang, ctx=ctx, t=ctx.t, assets=index_assets(kind.name))


def render_status(lang: str, records: list[Record], today: date) -> str:
    """The review status page: per owner, records overdue for review, due within 30 days, and drafts."""
    ctx = PageContext(lang=lang, base="../", records={r.ref: r for r in records})
    owners = list(reviews_by_owner(records, today).items())
    template = environment().get_template("status.md.j2")
    return template.render(owners=owners, today=today.isoformat(), lang=lang, ctx=ctx, t=ctx.t, assets=PageAssets())


def render_deadlines(lang: str, facts: Facts, cal: WorkCalendar) -> str:
    """The deadline calculator page: every input with the deadlines it gives and their rules."""
    ctx = PageContext(lang=lang, base="../", records={}, facts=facts)
    inputs = tuple(i for group in PAGE_GROUPS for i in group)
    views = input_views(inputs, facts, lang, ctx.t["dl_after_grace"])
    template = environment().get_template("deadlines.md.j2")
    return template.render(views=views, cal_first=cal.first_year, cal_last=cal.last_year, lang=lang, ctx=ctx, t=ctx.t)


def render_whats_new(lang: str, records: list[Record], facts: Facts = NO_FACTS) -> str:
    """The "What's new" page: every record's change note, newest first, grouped by date."""
    ctx = PageContext(lang=lang, base="../", records={r.ref: r for r in records}, facts=facts)
    ordered = sorted(by_title(records, lang), key=lambda r: r.updated, reverse=True)  # stable: titles A→Z within a date
    days: dict[str, WhatsNewDay] = {}
    for record in ordered:
        day = days.setdefault(record.updated, WhatsNewDay(record.updated))
        if record.change_note.zh in FIRST_PUBLISHED_NOTES:
            day.first_published.setdefault(record.folder, []).append(record)
        else:
            day.changes.append(record)
    template = environment().get_template("whats_new.md.j2")
    return template.render(days=list(days.values()), lang=lang, ctx=ctx, t=ctx.t, assets=PageAssets())


# A change note that says no more than "first published" (these are grouped, one line per date and kind).
FIRST_PUBLISHED_NOTES: frozenset[str] = frozenset({"首次发布。", "首次发布"})


@dataclass
class WhatsNewDay:
    """One date on the What's new page: changes with their own note, and first publications by kind folder."""
    day: str
    changes: list[Record] = field(default_factory=list)
    first_published: dict[str, list[Record]] = field(default_factory=dict)


def render_facts(lang: str, facts: Facts) -> str:
    """The facts page ("Key time limits and rules"): every fact with its value, scope and source, grouped by topic."""
    ctx = PageContext(lang=lang, base="../", records={}, facts=facts)
    template = environment().get_template("facts.md.j2")
    return template.render(facts=facts, groups=facts.grouped(), lang=lang, ctx=ctx, t=ctx.t, assets=FACTS_PAGE_ASSETS)
