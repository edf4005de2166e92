"""Letter placeholders: `{{ field_name }}` parsed with Jinja2's own parser, nothing else allowed."""
from __future__ import annotations

import re
from typing import Callable

import jinja2
from jinja2 import nodes
from markupsafe import Markup, escape

_ENV = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)


class PlaceholderError(ValueError):
    """The body uses template syntax other than plain `{{ name }}`."""


def _parse(body: str) -> nodes.Template:
    try:
        return _ENV.parse(body)
    except jinja2.TemplateSyntaxError as err:
        raise PlaceholderError(f"template syntax error on body line {err.lineno}: {err.message}") from None


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
