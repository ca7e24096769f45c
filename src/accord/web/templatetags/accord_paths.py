"""`{% path 'web:document' organization.slug d.slug %}`: `{% url %}` for a page whose
arguments are slugs (or that takes none), the pattern reversed once and each value put
in its place (`accord.core.paths.page_path`): a page names a dozen pages, and Django
resolved the pattern for each. The same path as `{% url %}`, escaped as it escapes it.
(Kept to `{% url %}` where the path is stored `as` a variable: there a path that does
not resolve is left empty rather than refused.)"""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from accord.core.paths import page_path

register = template.Library()


@register.simple_tag
def path(name: str, *args: Any) -> str:
    if all(isinstance(a, str) for a in args):
        return page_path(name, *args)
    return reverse(name, args=args)
