"""`{% translate "text" %}` of a constant text, translated without Django's detour: its
tag makes a lazy translation of the text for every rendering, then renders it as a
variable's value (localized, escaped where not safe, its percent signs restored). A
page of the record holds some sixty such words; each cost as much as a row of its
lists. Loaded after `i18n` (`{% load i18n accord_i18n %}`), this library's `translate`
(and `trans`) is Django's, whose node, for a constant text without options or filters,
renders what Django's renders: the text's translation (safe, as the text of a template
is), its percent signs restored. Any other use is Django's node itself. The words
stay marked for `makemessages`, which reads the tag's name.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.base import Parser, Token, Variable
from django.templatetags import i18n
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

register = template.Library()


class ConstantTranslateNode(i18n.TranslateNode):
    """Django's node for `{% translate "text" %}`, rendered directly."""

    def __init__(self, node: i18n.TranslateNode, literal: str) -> None:
        super().__init__(node.filter_expression, node.noop, node.asvar, node.message_context)
        # (as `Variable.resolve` makes the message id of a text to translate)
        self.msgid = mark_safe(literal.replace("%", "%%"))

    def render(self, context: template.Context) -> SafeString:
        return mark_safe(gettext(self.msgid).replace("%%", "%"))


def _literal(node: i18n.TranslateNode) -> str | None:
    """The constant text `node` translates, or None where it is more than that."""
    expression = node.filter_expression
    var: Any = expression.var
    if node.noop or node.asvar or node.message_context or expression.filters:
        return None
    if not isinstance(var, Variable) or var.lookups is not None:
        return None
    literal = var.literal
    return literal if isinstance(literal, SafeString) else None


@register.tag("translate")
@register.tag("trans")
def do_translate(parser: Parser, token: Token) -> template.Node:
    node = i18n.do_translate(parser, token)
    assert isinstance(node, i18n.TranslateNode)
    literal = _literal(node)
    return node if literal is None else ConstantTranslateNode(node, literal)
