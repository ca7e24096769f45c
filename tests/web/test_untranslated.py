"""A page never shows a name in another language silently: what it shows without a
translation into the page's language is listed at the end of its content."""

from __future__ import annotations

import pytest

from accord.bodies.models import Body
from accord.web.untranslated import in_script_of
from tests.web.conftest import text

pytestmark = pytest.mark.django_db

BODY = "/organizations/sco/bodies/security-council-secretaries/"


@pytest.mark.parametrize(
    ("shown", "language", "expected"),
    [
        ("Бишкек", "ru", True),
        ("Bishkek", "ru", False),
        ("比什凯克", "zh-hans", True),
        ("Bishkek", "zh-hans", False),
        ("Bishkek", "en", True),
        ("Бишкек", "en", False),
        ("2019", "ru", True),
        ("ШОС (SCO)", "ru", True),
    ],
)
def test_the_script_of_a_language(shown, language, expected):
    assert in_script_of(shown, language) is expected


@pytest.mark.usefixtures("no_response_cache")
def test_a_name_without_a_translation_is_listed_on_the_page(client):
    body = Body.objects.get(organization__slug="sco", slug="security-council-secretaries")
    body.names = {k: v for k, v in body.names.items() if k != "ru"}
    body.save(update_fields=["names"])
    russian = text(client.get(BODY, HTTP_ACCEPT_LANGUAGE="ru"))
    assert "Ещё не переведено" in russian
    assert body.name in russian.split("Ещё не переведено", 1)[1]
    chinese = text(client.get(BODY, HTTP_ACCEPT_LANGUAGE="zh-hans"))
    assert "尚未翻译" not in chinese


@pytest.mark.usefixtures("no_response_cache")
def test_a_fully_translated_page_lists_nothing(client):
    for language in ("en", "ru", "zh-hans"):
        page = client.get(BODY, HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert 'class="untranslated"' not in page, language


@pytest.mark.usefixtures("no_response_cache")
def test_what_only_the_template_shows_untranslated_is_listed_too(client):
    """A post without a Chinese translation, shown only by the page's template (nothing
    noted before the page renders), is listed."""
    meeting = "/organizations/sco/bodies/security-council-secretaries/meetings/14/"
    chinese = text(client.get(meeting, HTTP_ACCEPT_LANGUAGE="zh-hans"))
    assert "尚未翻译" in chinese
    assert "Security Council Secretary" in chinese.split("尚未翻译", 1)[1]
