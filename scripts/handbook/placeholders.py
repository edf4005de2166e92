"""Letter placeholders: `{{ field_name }}` parsed with Jinja2's own parser, nothing else allowed."""
from __future__ import annotations

import re
from typing import Callable

import jinja2
from jinja2 import nodes
from markupsafe import Markup, escape

_ENV = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)


class PlaceholderError(ValueError):
    """The body uses template syntax other than plain `{{ name }}`; `line` is the body line (1-based)."""

    def __init__(self, message: str, line: int = 1):
        super().__init__(message)
        self.line = line


# Names the template engine gives a meaning of its own: a field with one of them would print the engine's value
# (`self` prints "<TemplateReference None>") or not parse at all (`none`, `in`).
RESERVED_NAMES = frozenset(_ENV.globals) | frozenset({
    "self", "loop", "caller", "super", "varargs", "kwargs", "none", "true", "false",
    "and", "or", "not", "in", "is", "if", "else", "elif", "for", "recursive", "with", "without", "context",
})
_PLACEHOLDER_TOKENS = {"variable_begin", "whitespace", "name", "variable_end"}


def _only_placeholders(body: str) -> None:
    """Refuse every piece of template syntax but `{{ name }}`, naming the body line where it is."""
    try:
        tokens = list(_ENV.lex(body))
    except jinja2.TemplateSyntaxError as err:
        raise PlaceholderError(f"template syntax error on body line {err.lineno}: {err.message}", err.lineno or 1) from None
    for line, token, value in tokens:
        where = f"on body line {line}: "
        if token == "comment_begin":
            raise PlaceholderError(where + "{# ... #} is a template comment, which would be dropped from the letter "
                                   "without a word; write the text without {# #}", line)
        if token in ("block_begin", "raw_begin", "linestatement_begin", "linecomment_begin"):
            raise PlaceholderError(where + "only {{ field_name }} placeholders are allowed, not {% ... %} blocks", line)
        if token == "variable_begin" and value != "{{" or token == "variable_end" and value != "}}":
            raise PlaceholderError(where + f"write a placeholder as {{{{ name }}}}, without the - or + of '{value}'", line)
        if token != "data" and token not in _PLACEHOLDER_TOKENS:
            raise PlaceholderError(where + "a placeholder must be a bare field name like {{ policy_no }}, "
                                   "without filters or expressions", line)


def _parse(body: str) -> nodes.Template:
    _only_placeholders(body)
    try:
        return _ENV.parse(body)
    except jinja2.TemplateSyntaxError as err:
        raise PlaceholderError(f"template syntax error on body line {err.lineno}: {err.message}", err.lineno or 1) from None


def placeholder_names(body: str) -> list[str]:
    """Names used in the body, in order of first use; only `{{ name }}` is accepted."""
    tree = _parse(body)
    names: list[str] = []
    for top in tree.body:
        if not isinstance(top, nodes.Output):
            raise PlaceholderError("only {{ field_name }} placeholders are allowed, not {% ... %} blocks")
        for child in top.nodes:
            if isinstance(child, nodes.TemplateData):
                continue
            if not isinstance(child, nodes.Name):
                raise PlaceholderError("a placeholder must be a bare field name like {{ policy_no }}, without filters or expressions")
            if child.name not in names:
                names.append(child.name)
    return names


def fill(body: str, slot: Callable[[str], Markup], with_unit: frozenset[str] = frozenset()) -> Markup:
    """Render the body with its literal text escaped and each placeholder replaced by slot(name).

    Slots named in with_unit print their own currency unit, so a 元 written right after them is dropped."""
    names = placeholder_names(body)
    for name in with_unit:
        body = re.sub(r"(\{\{\s*" + re.escape(name) + r"\s*\}\})\s*元", r"\1", body)
    template = _ENV.from_string(str(escape(body)))
    return Markup(template.render({name: slot(name) for name in names}))
