"""An organization's verbs, as plain values: what each action does to a document and to
a referral. The record file declares them (`verbs:`); an organization that declares
none has Accord's default set (`DEFAULT`), the verbs Accord has always known.

Verbs are listed in the order of a document's lifecycle: when two actions on one
document fall on one day, the status given by the verb listed later wins.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from accord.core.languages import translated

# What an action's verb may name besides its subject.
NO_TARGET = ""
# A body or an office of the organization (a referral, or the withdrawal or lapse of one).
BODY = "body"
# An organization outside the record (a document circulated to the United Nations).
OUTSIDE = "organization"
TARGETS = (NO_TARGET, BODY, OUTSIDE)


@dataclass(frozen=True)
class VerbSpec:
    """One verb: `key` as the record writes it; `names` its past tense in each language
    as a release says it ("took note of"); `status` what it makes a document (blank:
    the status stays); a `final` status stands against later verbs whose status is not
    final (a programme adopted and later heard stays adopted); `settles` a referral when
    its target body takes it on the referred subject; `closes` a referral without the
    target acting (withdrawn, lapsed: no power over the subject is needed); `target`
    what it names besides its subject (`NO_TARGET`, `BODY`: a body or an office, which
    makes it a referral unless it closes one; `OUTSIDE`: an outside organization),
    `target_required` whether it must; `reference` whether it takes a reference number
    (a document symbol); `reported` whether a release reports it as an outcome of the
    meeting ("The meeting adopted ..."). `status_names`: what the status is called in
    each language, where the organization names it (a status of its own)."""

    key: str
    names: Mapping[str, str] = field(default_factory=dict)
    status: str = ""
    # the status's own names by language, for a status that is the organization's own
    status_names: Mapping[str, str] = field(default_factory=dict)
    final: bool = False
    settles: bool = False
    closes: bool = False
    target: str = NO_TARGET
    target_required: bool = False
    reference: bool = False
    reported: bool = False

    @property
    def refers(self) -> bool:
        """Whether naming a body makes the action a referral, pending until settled."""
        return self.target == BODY and not self.closes

    def status_given(self, has_target: bool) -> str:
        """The status the verb gives its subject: a verb that closes a referral gives it
        none when it names the referral's target (withdrawing a referral), and its status
        when it names none (a candidacy withdrawn)."""
        if self.closes and has_target:
            return ""
        return self.status

    def name_in(self, language: str) -> str | None:
        """The verb's name in `language` (or its base language), None when not given."""
        return translated(self.names, language)


class Verbs:
    """An organization's verbs, in lifecycle order."""

    def __init__(self, specs: Iterable[VerbSpec], *, default: bool = False) -> None:
        self.specs: dict[str, VerbSpec] = {s.key: s for s in specs}
        # The default set: releases word its verbs with Accord's own phrases.
        self.default = default
        self._rank: dict[str, int] = {}
        for spec in self.specs.values():
            if spec.status and spec.status not in self._rank:
                self._rank[spec.status] = len(self._rank)
        self.settling = frozenset(k for k, s in self.specs.items() if s.settles)
        self.closing = frozenset(k for k, s in self.specs.items() if s.closes)
        self.referring = frozenset(k for k, s in self.specs.items() if s.refers)
        self.reported = frozenset(k for k, s in self.specs.items() if s.reported)
        self.final = frozenset(s.status for s in self.specs.values() if s.final and s.status)

    def __contains__(self, key: object) -> bool:
        return key in self.specs

    def __iter__(self) -> Iterator[VerbSpec]:
        return iter(self.specs.values())

    def __len__(self) -> int:
        return len(self.specs)

    def get(self, key: str) -> VerbSpec | None:
        return self.specs.get(key)

    @property
    def keys(self) -> list[str]:
        return list(self.specs)

    def status_names(self, status: str) -> dict[str, str]:
        """The names the organization's verbs give `status`, by language (the first verb
        naming it in a language counts); empty when none names it."""
        found: dict[str, str] = {}
        for spec in self.specs.values():
            if spec.status == status:
                for language, name in spec.status_names.items():
                    found.setdefault(language, name)
        return found

    def rank(self, status: str | None) -> int:
        """A status's place in the lifecycle (-1: none, or a status no verb gives)."""
        return self._rank.get(status, -1) if status else -1

    def status_after(self, verb: str, has_target: bool = False) -> str | None:
        spec = self.specs.get(verb)
        return (spec.status_given(has_target) or None) if spec is not None else None


def problems(specs: Iterable[VerbSpec]) -> list[tuple[str, str]]:
    """Why a set of verbs cannot stand, as (field, reason) (empty when it can)."""
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    for index, spec in enumerate(specs):
        where = f"verbs[{index}]"
        if spec.key in seen:
            found.append((f"{where}.id", f"{spec.key!r} is declared twice"))
        seen.add(spec.key)
        if spec.target not in TARGETS:
            known = ", ".join(t for t in TARGETS if t)
            found.append((f"{where}.target", f"{spec.target!r} is not a target ({known})"))
        if spec.closes and spec.target != BODY:
            found.append(
                (f"{where}.target", "a verb that closes a referral names its target: 'body'")
            )
        if spec.closes and spec.settles:
            found.append((f"{where}.closes", "a verb settles a referral or closes it, not both"))
        if spec.target_required and not spec.target:
            found.append((f"{where}.target_required", "the verb takes no target"))
        if spec.final and not spec.status:
            found.append((f"{where}.final", "the verb gives no status"))
        if spec.status_names and not spec.status:
            found.append((f"{where}.status_names", "the verb gives no status"))
    return found


def _v(
    key: str,
    status: str = "",
    *,
    final: bool = False,
    settles: bool = False,
    closes: bool = False,
    target: str = NO_TARGET,
    target_required: bool = False,
    reference: bool = False,
    reported: bool = False,
) -> VerbSpec:
    return VerbSpec(
        key,
        status=status,
        final=final,
        settles=settles,
        closes=closes,
        target=target,
        target_required=target_required,
        reference=reference,
        reported=reported,
    )


# Accord's default verbs. A referral is settled by the target body's approving,
# endorsing, adopting, signing, taking note of, welcoming, examining, rejecting,
# hearing, extending, nominating or recommending the subject, or passing it on
# (submitting it); considering or deferring keeps it pending; drafting, praising or
# circulating does not answer it. Withdrawn and lapsed close it without the target
# acting.
DEFAULT = Verbs(
    [
        _v("drafted", "draft", reported=True),
        _v("nominated", "nominated", settles=True, reported=True),
        _v("considered", "under consideration", reported=True),
        _v("deferred", "deferred"),
        _v("recommended", "recommended", settles=True, target=BODY, reported=True),
        _v("approved", "approved", settles=True, reported=True),
        _v("endorsed", "endorsed", settles=True, reported=True),
        _v("submitted", "submitted", settles=True, target=BODY, target_required=True),
        _v("examined", "examined", settles=True),
        _v("took-note", "noted", settles=True, reported=True),
        _v("welcomed", "welcomed", settles=True, reported=True),
        _v(
            "circulated",
            "circulated",
            target=OUTSIDE,
            target_required=True,
            reference=True,
            reported=True,
        ),
        _v("rejected", "rejected", final=True, settles=True),
        _v("adopted", "adopted", final=True, settles=True, reported=True),
        _v("signed", "signed", final=True, settles=True, reported=True),
        _v("extended", "extended", final=True, settles=True, reported=True),
        _v("withdrawn", closes=True, target=BODY, target_required=True),
        _v("heard", settles=True),
        _v("praised"),
        _v("lapsed", closes=True, target=BODY, target_required=True),
    ],
    default=True,
)
