"""Every page's header written in Python (`{% site_header %}` in web/base.html): the
link to skip to the content, the site's name, its menu (signed in: the reader's tasks,
API tokens, second step of sign-in and the button to sign out; else the link to sign
in) and the form to change the language; and the page's breadcrumbs (`{% breadcrumbs
%}` in web/page.html). The HTML is what web/base.html wrote with its
loop, tags and filters, byte for byte (tests/web/test_site_header.py renders both),
each value escaped where `{{ }}` escaped it (`web.words`); the reader's name and form
token are the context's (a page shared by the readers of one standing has slots there).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django import template
from django.conf import settings
from django.urls import NoReverseMatch
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_noop

from accord.core.paths import page_path
from accord.web.templatetags.accord_meeting_forms import csrf_input
from accord.web.templatetags.accord_meeting_rows import _said
from accord.web.words import Words, esc, of

register = template.Library()

# The words written inside f-strings below (`words.word` translates them), marked here
# for `makemessages`: xgettext does not read a call inside an f-string.
_MARKED = (
    gettext_noop("Skip to content"),
    gettext_noop("Main"),
    gettext_noop("Organizations"),
    gettext_noop("Search"),
    gettext_noop("My tasks"),
    gettext_noop("API tokens"),
    gettext_noop("Two-step sign-in"),
    gettext_noop("Sign in"),
    gettext_noop("Language"),
    gettext_noop("Change"),
    gettext_noop("Breadcrumb"),
)


def _path(name: str) -> str:
    """`{% url name as path %}`: the path, or nothing where it does not resolve."""
    try:
        return page_path(name)
    except NoReverseMatch:
        return ""


def _signed_in(words: Words, context: template.Context, request: Any) -> str:
    match = getattr(request, "resolver_match", None)
    current = ' aria-current="page"' if getattr(match, "url_name", "") == "tasks" else ""
    tokens = _path("web:tokens")
    tokens_item = (
        f'<li><a href="{esc(tokens)}">{words.word("API tokens")}</a></li>' if tokens else ""
    )
    name = context.get("signed_in_name", "")
    sign_out = _said(words.word("Sign out %(name)s"), name="" if name is None else name)
    return (
        f'\n        <li><a href="{words.path("web:tasks")}"{current}>{words.word("My tasks")}'
        f"</a></li>\n        {tokens_item}"
        f'\n        <li><a href="{words.path("two-factor")}">{words.word("Two-step sign-in")}'
        "</a></li>\n        <li>"
        f'\n          <form class="inline" method="post" action="{words.path("logout")}">'
        f"{csrf_input(context)}"
        f'\n            <button type="submit" class="link">{sign_out}</button>'
        "\n          </form>\n        </li>\n      "
    )


def _sign_in(words: Words, request: Any) -> str:
    login = _path("login")
    path = getattr(request, "path", "") if request is not None else ""
    full = request.get_full_path() if request is not None else ""
    after = f"?next={esc(quote(full))}" if path != login else ""
    current = ' aria-current="page"' if path == login else ""
    return (
        f'\n        \n        <li><a href="{esc(login)}{after}"{current}>'
        f"{words.word('Sign in')}</a></li>\n      "
    )


def _languages(words: Words) -> str:
    """The options of the form to change the language (the page's selected)."""
    current = translation.get_language()  # (`{% get_current_language %}`)
    key = ("language options", current)
    found = words.translated.get(key)
    if found is None:
        options = []
        for code, _name in settings.LANGUAGES:
            info = translation.get_language_info(code)
            chosen = " selected" if info["code"] == current else ""
            options.append(
                f'\n        <option value="{esc(info["code"])}" lang="{esc(info["code"])}"'
                f"{chosen}>{esc(info['name_local'])}</option>\n      "
            )
        found = words.translated[key] = "".join(options)
    return found


@register.simple_tag(takes_context=True)
def site_header(context: template.Context) -> SafeString:
    """The page's header (and the link to skip it)."""
    words = of(context)
    request = context.get("request")
    user = context.get("user")
    search = _path("web:search")
    search_item = f'<li><a href="{esc(search)}">{words.word("Search")}</a></li>' if search else ""
    signed_in = bool(user is not None and user.is_authenticated)
    menu = _signed_in(words, context, request) if signed_in else _sign_in(words, request)
    full = request.get_full_path() if request is not None else ""
    home = words.path("web:home")
    return mark_safe(
        f'<a class="skip" href="#content">{words.word("Skip to content")}</a>'
        '\n<header class="site">'
        f'\n  <a class="brand" href="{home}">Accord</a>'
        f'\n  <nav aria-label="{words.word("Main")}">\n    <ul>'
        f'\n      <li><a href="{home}">{words.word("Organizations")}</a></li>'
        f"\n      {search_item}\n      {menu}\n    </ul>\n  </nav>"
        f'\n  <form class="language" method="get" action="{words.path("web:language")}">'
        f'\n    <input type="hidden" name="next" value="{esc(full)}">'
        f'\n    <label for="language">{words.word("Language")}</label>'
        '\n    <select id="language" name="language">'
        f"\n      \n      {_languages(words)}\n    </select>"
        f'\n    <button type="submit">{words.word("Change")}</button>\n  </form>\n</header>'
    )


@register.simple_tag(takes_context=True)
def breadcrumbs(context: template.Context) -> SafeString:
    """web/includes/breadcrumbs.html: the page's `crumbs`, (label, path) each, the last
    (or one without a path) the current page (its final line break too)."""
    crumbs = context.get("crumbs")
    if not crumbs:
        return mark_safe("\n")
    words = of(context)
    items = []
    last = len(crumbs) - 1
    for n, (label, url) in enumerate(crumbs):
        if url and n != last:
            items.append(f'\n    <li><a href="{esc(url)}">{esc(label)}</a></li>')
        else:
            items.append(f'\n    <li><span aria-current="page">{esc(label)}</span></li>')
    return mark_safe(
        f'<nav class="breadcrumbs" aria-label="{words.word("Breadcrumb")}">\n  <ol>'
        f"{''.join(items)}\n  </ol>\n</nav>\n"
    )
