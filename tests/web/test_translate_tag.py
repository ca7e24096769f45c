"""`accord_i18n`'s `{% translate %}` renders what Django's renders, for a constant text
(its own node) and for every other use (Django's node): in English, Russian and
Chinese, with and without autoescaping, for texts with quotes, percent signs and
markup, with the tag's options and filters, and for a variable."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from accord.web.templatetags.accord_i18n import ConstantTranslateNode

USES = [
    '{% translate "Participants" %}',
    "{% translate 'Skip to content' %}",
    '{% trans "Agenda" %}',
    '{% translate "Reports heard" %}|{% translate "No decision is recorded." %}',
    '{% translate "100% of <b>them</b> & \\"theirs\\"" %}',
    '{% translate "%(status)s (not translated)" %}',
    '{% translate "Participants" noop %}',
    '{% translate "Participants" as said %}[{{ said }}]',
    '{% translate "May" context "month name" %}',
    '{% translate "Participants"|upper %}',
    '{% translate "participants"|capfirst %}',
    "{% translate word %}",
]


@pytest.mark.parametrize("use", USES)
@pytest.mark.parametrize("language", ["en", "ru", "zh-hans"])
@pytest.mark.parametrize("autoescape", [True, False])
def test_the_tag_renders_what_djangos_renders(use, language, autoescape):
    values = {"word": "Agenda <&>"}
    ours = Template("{% load i18n accord_i18n %}" + use)
    theirs = Template("{% load i18n %}" + use)
    with translation.override(language):
        said = ours.render(Context(values, autoescape=autoescape))
        expected = theirs.render(Context(values, autoescape=autoescape))
    assert said == expected
    assert type(said) is type(expected)


def test_a_constant_text_has_its_own_node_and_the_rest_djangos():
    def nodes(source: str) -> list[str]:
        return [type(n).__name__ for n in Template("{% load i18n accord_i18n %}" + source).nodelist]

    assert nodes('{% translate "Agenda" %}')[-1] == ConstantTranslateNode.__name__
    for use in USES[6:]:
        assert ConstantTranslateNode.__name__ not in nodes(use), use
