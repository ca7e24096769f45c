"""The interface in Russian and Chinese: complete catalogues, translated pages, local dates.

A string marked for translation in a template or in Python must be in every
catalogue and translated (not fuzzy): after marking new strings, run `make
messages` and translate what it adds to src/accord/locale/*/LC_MESSAGES/django.po.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.template import Context, Template
from django.test import Client, override_settings
from django.utils import formats, translation

PACKAGE = Path(settings.PACKAGE_DIR)
LOCALE_DIR = PACKAGE / "locale"
# Django's language codes and the catalogue directories they read.
CATALOGUES = {"ru": "ru", "zh-hans": "zh_Hans"}


def statistics(po: Path) -> dict[str, int]:
    """msgfmt's count of translated, fuzzy and untranslated entries in a catalogue."""
    done = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"{po}: msgfmt refuses it:\n{done.stderr}"
    counts = {"translated": 0, "fuzzy": 0, "untranslated": 0}
    for number, kind in re.findall(r"(\d+) (translated|fuzzy|untranslated)", done.stderr):
        counts[kind] = int(number)
    return counts


def untranslated_entries(po: Path) -> list[str]:
    """The msgids of a catalogue's fuzzy or untranslated entries (for the failure message)."""
    found = []
    for option in ("--only-fuzzy", "--untranslated"):
        done = subprocess.run(
            ["msgattrib", option, "--no-wrap", str(po)],
            capture_output=True,
            text=True,
            check=True,
        )
        found += re.findall(r'^msgid "(.+)"$', done.stdout, re.MULTILINE)
    return found


@pytest.mark.database_independent
def test_every_language_but_english_has_a_catalogue():
    languages = {code for code, _ in settings.LANGUAGES} - {"en"}
    assert languages == set(CATALOGUES)
    for directory in CATALOGUES.values():
        assert (LOCALE_DIR / directory / "LC_MESSAGES" / "django.po").is_file()


@pytest.mark.database_independent
@pytest.mark.parametrize("directory", CATALOGUES.values())
def test_the_catalogue_is_fully_translated(directory):
    po = LOCALE_DIR / directory / "LC_MESSAGES" / "django.po"
    counts = statistics(po)
    assert counts["fuzzy"] == counts["untranslated"] == 0, (
        f"{po}: {counts}; translate: {untranslated_entries(po)}"
    )
    assert counts["translated"] > 50


# Calls that translate a constant text (`words.word` is the pages' words, accord.web.words).
_TRANSLATING = {"gettext", "gettext_lazy", "gettext_noop", "_", "word"}


def _translated_texts() -> list[tuple[str, int, str]]:
    """Every constant text the code gives a translating call, wherever the call is (an
    f-string's too, which xgettext does not read): (file, line, text)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            called = node.func
            name = called.attr if isinstance(called, ast.Attribute) else getattr(called, "id", "")
            text = getattr(node.args[0], "value", None)
            if name in _TRANSLATING and isinstance(text, str):
                found.append((str(path.relative_to(PACKAGE)), node.lineno, text))
    return found


@pytest.mark.database_independent
@pytest.mark.parametrize("language", CATALOGUES)
def test_every_text_the_code_translates_has_a_translation(language):
    """A text translated in code is in the catalogue (not only found by xgettext: a
    call inside an f-string, which it does not read, lost its translation once)."""
    catalogue = translation.trans_real.translation(language)._catalog
    texts = _translated_texts()
    assert len(texts) > 100
    missing = [f"{where}:{line}: {text!r}" for where, line, text in texts if text not in catalogue]
    assert not missing, f"not in the {language} catalogue: {missing}"


@pytest.mark.database_independent
def test_every_marked_string_is_in_the_catalogues(tmp_path, monkeypatch):
    """Extract the strings again (into a copy) and find none new, fuzzy or untranslated."""
    copy = tmp_path / "accord"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "static", "*.mo"))
    monkeypatch.chdir(copy)
    with override_settings(LOCALE_PATHS=[]):
        call_command(
            "makemessages",
            locale=list(CATALOGUES.values()),
            no_obsolete=True,
            verbosity=0,
        )
    for directory in CATALOGUES.values():
        po = copy / "locale" / directory / "LC_MESSAGES" / "django.po"
        counts = statistics(po)
        assert counts["fuzzy"] == counts["untranslated"] == 0, (
            f"{directory}: strings marked for translation are missing from the catalogue"
            f" or not translated: {untranslated_entries(po)}. Run `make messages` and"
            f" translate them in src/accord/locale/{directory}/LC_MESSAGES/django.po"
        )


@pytest.mark.database_independent
@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "May 15, 2019"), ("ru", "15 мая 2019 г."), ("zh-hans", "2019年5月15日")],
)
def test_dates_are_written_the_local_way(language, expected):
    """Pages write dates with `{{ day|date }}` (the language's DATE_FORMAT), not a fixed
    format such as "j F Y", which in Russian gives the nominative "15 Май 2019"."""
    day = dt.date(2019, 5, 15)
    with translation.override(language):
        assert formats.date_format(day, "DATE_FORMAT") == expected
        assert Template("{{ day|date }}").render(Context({"day": day})) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ["Organizations", "Bodies", "Meetings", "Sign in", "Shanghai Cooperation"]),
        (
            "ru",
            [
                "Организации",
                "Органы",
                "Заседания",
                "Войти",
                "Шанхайская организация",
                "государство-член",
            ],
        ),
        (
            "zh-hans",
            ["组织", "机构", "会议", "登录", "成员、机构和职位", "成员国", "上海合作组织"],
        ),
    ],
)
def test_the_home_page_speaks_the_chosen_language(language, words):
    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get("/").content.decode()
    assert f'<html lang="{language}">' in page
    for word in words:
        assert word in page, f"{word!r} is not on the home page in {language}"


@pytest.mark.django_db
def test_the_login_page_is_translated():
    client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_LANGUAGE="ru")
    page = client.get("/accounts/login/").content.decode()
    assert "Имя пользователя" in page and "Пароль" in page
