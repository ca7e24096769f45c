"""`accord makemessages`: Django's, with the texts the pages' words translate
(`words.word("text")`, `accord.web.words.Words.word`) extracted as marked texts."""

from __future__ import annotations

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=word"]
