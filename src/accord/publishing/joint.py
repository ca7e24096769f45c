"""How a joint meeting is named: by all its bodies, the convening one first ("the joint
meeting of A, B and C"), in a release's language (the phrase tables) and in the
heading of its page (the reader's language)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from accord.core.languages import record_language, translated
from accord.meetings.joint import bodies_of
from accord.meetings.models import Meeting
from accord.publishing.labels import when
from accord.publishing.phrases import PHRASES
from accord.publishing.wording import Language


def _language(language: str) -> Language:
    """The release language of `language` (either kind of code); English when releases
    are not written in it."""
    code = record_language(language)
    return Language(code if code in PHRASES else "en")


def bodies_in_sentence(names: list[str], language: str) -> str:
    """Body names as the object of "meeting of": "the A, the B and the C" (English),
    in the genitive (Russian), "A、B和C" (Chinese)."""
    lang = _language(language)
    if lang.code == "ru":
        names = [lang.body_genitive(n) for n in names]
    elif lang.code == "en":
        names = [n if n.startswith("the ") else f"the {n}" for n in names]
    return lang.join(names)


def joint_meeting_name(names: list[str], language: str) -> str:
    """A release's name of a joint meeting of the bodies `names` (in `language`)."""
    return str(PHRASES[_language(language).code]["joint_meeting"]).format(
        bodies=bodies_in_sentence(names, language)
    )


def is_joint(meeting: Meeting) -> bool:
    """Whether `meeting` belongs to more than its body (read with `joint_rows`)."""
    return bool(meeting.joint_rows.all())


def joint_label(meeting: Meeting, language: str) -> str:
    """The heading of a joint meeting's page: its title in `language` where recorded,
    else "Joint meeting of A, B and C, <date>"."""
    title = translated(meeting.titles, language) or meeting.title
    if title:
        return title
    names = [b.name_in(language) for b in bodies_of(meeting)]
    return _("Joint meeting of %(bodies)s, %(date)s") % {
        "bodies": bodies_in_sentence(names, language),
        "date": when(meeting.partial_date),
    }
