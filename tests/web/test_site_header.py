"""Every page's header written in Python (`{% site_header %}`) is the HTML web/base.html
wrote (tests/web/site_header.html) byte for byte: for the public and for a reader signed
in, on a page, on the sign-in page and on the tasks page, with a query in the path, in
English, Russian and Chinese, and without a request; and the breadcrumbs are what
web/includes/breadcrumbs.html wrote (tests/web/breadcrumbs.html)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.middleware.csrf import get_token
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import resolve, reverse
from django.utils import translation

from tests.accounts.people import RoleSpec, make

pytestmark = pytest.mark.django_db

LOOPS = (Path(__file__).parent / "site_header.html").read_text()

TAG = "{% load accord_site %}{% site_header %}"


def _rendered(source: str, values: dict) -> str:
    return Template(source).render(Context(values))


def test_the_header_written_in_python_is_the_templates_html():
    user = make(RoleSpec("header-reader", secretariat=frozenset({"sco"}))).user
    compared = 0
    for path in ("/organizations/sco/?on=2019-05-15&q=a b", reverse("login"), reverse("web:tasks")):
        for who in (AnonymousUser(), user):
            request = RequestFactory().get(path)
            request.user = who
            request.resolver_match = resolve(request.path)
            values = {
                "request": request,
                "user": who,
                "signed_in_name": 'reader <"one">',
                "csrf_token": get_token(request),
            }
            for language in ("en", "ru", "zh-hans"):
                with translation.override(language):
                    assert _rendered(TAG, values) == _rendered(LOOPS, values), (path, language)
                    compared += 1
    with translation.override("ru"):
        assert _rendered(TAG, {}) == _rendered(LOOPS, {})
    assert compared == 18


def test_the_breadcrumbs_written_in_python_are_the_templates_html():
    include = (Path(__file__).parent / "breadcrumbs.html").read_text()  # (as web/page.html had it)
    tag = "{% load accord_site %}{% breadcrumbs %}"
    for crumbs in (
        None,
        [],
        [("Organizations", "/"), ('A <"body">', "/b/?x=1&y=2"), ("Here & now", None)],
        [("Organizations", "/"), ("No path", None), ("Last", "/last/")],
    ):
        for language in ("en", "ru", "zh-hans"):
            with translation.override(language):
                values = {"crumbs": crumbs}
                assert _rendered(tag, values) == _rendered(include, values), (crumbs, language)
