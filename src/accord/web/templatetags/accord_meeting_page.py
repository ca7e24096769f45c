"""The meeting page's record written in Python (`{% meeting_page %}`, the whole of its
`content` block), as its facts (`accord_meeting_facts`), rows (`accord_meeting_rows`)
and lists (`accord_meeting_lists`) are: the heading, the links for those who keep the
record, the plan over time, the outcome and note, then a section for each part of the
record (participants, sessions, agenda, reports heard, actions, decisions with each
member's position and what each decides, documents, events, statements, releases and
their drafting), and what the page offers to take away. The HTML is what
web/meeting.html and its includes wrote, byte for byte (tests/test_record_answers.py
holds every meeting's page), each name noted untranslated in the order they noted it,
each value escaped where they escaped it (`web.words`). What a decision decides is
still web/includes/effect.html, rendered as `{% include %}` renders it.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_noop

from accord.core.prefetched import all_of
from accord.web.templatetags import accord_meeting_lists as lists
from accord.web.templatetags import accord_meeting_rows as rows
from accord.web.templatetags.accord_meeting_facts import meeting_facts
from accord.web.templatetags.accord_meeting_forms import release_draft_form
from accord.web.templatetags.accord_meeting_rows import _said
from accord.web.templatetags.accord_pages import outcome_label, slugify_status
from accord.web.words import Words, esc, of

register = template.Library()

# The words written inside f-strings below (`words.word` translates them), marked here
# for `makemessages`: xgettext does not read a call inside an f-string.
_MARKED = (
    gettext_noop("Agenda items taken up"),
    gettext_noop("Attended by"),
    gettext_noop("Change"),
    gettext_noop("Date"),
    gettext_noop("Decisions"),
    gettext_noop("Delete the meeting"),
    gettext_noop("Each change and its source"),
    gettext_noop("Edit the record"),
    gettext_noop("Known on"),
    gettext_noop("Minutes and attendance list (to print)"),
    gettext_noop("Mode"),
    gettext_noop("No decision is recorded."),
    gettext_noop("Plan over time"),
    gettext_noop("Press releases"),
    gettext_noop("Record of changes"),
    gettext_noop("Sessions"),
    gettext_noop("Source"),
    gettext_noop("Statements"),
    gettext_noop("Subscribe and download"),
    gettext_noop("Venue"),
    gettext_noop("What the body did at the meeting"),
    gettext_noop("not recorded"),
)


def _head(words: Words, context: template.Context, org: str, body: str, ref: str) -> str:
    """The heading, the links to edit and delete, the facts, the plan over time, the
    outcome and the record's note."""
    m = context["meeting"]
    out = [f"\n<h1>{esc(context['label'])}</h1>\n"]
    if context["can_edit"]:
        edit = words.path("web:edit-meeting", org, body, ref)
        delete = words.path("web:delete-meeting", org, body, ref)
        out.append(
            f'<p class="no-print"><a class="button" href="{edit}">'
            f'{words.word("Edit the record")}</a> <a href="{delete}">'
            f"{words.word('Delete the meeting')}</a></p>"
        )
    out.append(f"\n{meeting_facts(context)}\n{_plan_history(words, context)}\n")
    if m.outcome:
        out.append(f"<p>{words.tr_field(m, 'outcome')}</p>")
    out.append("\n")
    if m.note or m.source:
        said = _said(words.word("Note of the record: %(note)s"), note=m.note) if m.note else ""
        if m.note and m.source:
            said += " "
        if m.source:
            said += _said(words.word("Sources: %(source)s"), source=m.source)
        out.append(f'<p class="muted record-note">{said}</p>')
    out.append("\n")
    return "".join(out)


def _plan_change(words: Words, c: Any) -> str:
    note = f' <span class="muted">({esc(c.note)})</span>' if c.note else ""
    return (
        f"\n      <tr><td>{esc(c.known.isoformat())}</td><td>{words.display(c, 'kind')}</td>"
        f"<td>{esc(c.source)}{note}</td></tr>"
    )


def _plan_history(words: Words, context: template.Context) -> str:
    """web/includes/plan_history.html."""
    said = context["plan_history"]
    if not said:
        return "\n"
    changes = "".join(_plan_change(words, c) for c in context["plan_changes"])
    return (
        '<section class="plan-history" aria-labelledby="plan-history">'
        f'\n  <h2 id="plan-history">{words.word("Plan over time")}</h2>'
        f'\n  <p class="plan-history-text">{esc(said)}</p>'
        f"\n  <details><summary>{words.word('Each change and its source')}</summary>"
        "\n  <table>"
        f'\n    <thead><tr><th scope="col">{words.word("Known on")}</th>'
        f'<th scope="col">{words.word("Change")}</th>'
        f'<th scope="col">{words.word("Source")}</th></tr></thead>'
        f"\n    <tbody>{changes}\n    </tbody>\n  </table>\n  </details>\n</section>\n"
    )


def _section(name: str, heading: str, shown: str, empty: str) -> str:
    """`<section>` of a part of the record: its list, or the words for none."""
    said = shown if shown else f"<p>{empty}</p>"
    return (
        f'<section aria-labelledby="{name}">\n  <h2 id="{name}">{heading}</h2>\n  '
        f"{said}\n</section>"
    )


def _columns(*names: str) -> str:
    """The columns' heads (each a word translated: `words.word("…")` of a constant, for
    `makemessages` to find)."""
    return "".join(f'<th scope="col">{n}</th>' for n in names)


def _participants(words: Words, context: template.Context) -> str:
    participants = context["participants"]
    shown = ""
    if participants:
        caption = words.word("Delegations, officials and guests; heads of delegation marked")
        columns = _columns(
            words.word("Party"),
            words.word("Person"),
            words.word("Post"),
            words.word("Role"),
            words.word("Head of delegation"),
            words.word("Attendance"),
        )
        shown = (
            f"\n  <table>\n    <caption>{caption}</caption>"
            f"\n    <thead><tr>{columns}</tr></thead>"
            f"\n    <tbody>{rows.participant_rows(context, participants)}"
            "\n    </tbody>\n  </table>\n  "
        )
    empty = words.word("No participant is recorded.")
    return _section("participants", words.word("Participants"), shown, empty)


def _session(words: Words, s: Any) -> str:
    title = f": {words.tr_field(s, 'title')}" if s.title else ""
    venue = ""
    if s.venue or s.city:
        place = esc(s.venue) if s.venue else ""
        if s.venue and s.city:
            place += ", "
        if s.city:
            place += words.tr_field(s, "city")
        venue = f"<dt>{words.word('Venue')}</dt><dd>{place}</dd>"
    mode = f"<dt>{words.word('Mode')}</dt><dd>{words.display(s, 'mode')}</dd>" if s.mode else ""
    attendees = []
    for p in all_of(s, "attendees"):
        if p.party:
            who = words.tr(p.party)
            if p.person:
                who += f" ({words.tr(p.person)})"
        else:
            who = words.tr(p.person)
        attendees.append(who)
    attended = ", ".join(attendees) or f'<span class="muted">{words.word("not recorded")}</span>'
    taken = ""
    if s.taken_up:
        items = "; ".join(
            f'<a href="#item-{esc(item.slug)}">{words.tr_field(item, "title")}</a>'
            for item in s.taken_up
        )
        taken = f"<dt>{words.word('Agenda items taken up')}</dt><dd>{items}</dd>"
    return (
        f'\n  <article class="session session-{esc(s.kind)}" id="session-{esc(s.slug)}">'
        f"\n    <h3>{capfirst(words.display(s, 'kind'))}{title}</h3>"
        '\n    <dl class="facts">'
        f"\n      <dt>{words.word('Date')}</dt><dd>{words.when(s)}</dd>"
        f"\n      {venue}\n      {mode}"
        f"\n      <dt>{words.word('Attended by')}</dt>\n      <dd>{attended}</dd>"
        f"\n      {taken}\n    </dl>\n  </article>\n  "
    )


def _sessions(words: Words, context: template.Context) -> str:
    """web/includes/sessions.html."""
    sessions = context["sessions"]
    if not sessions:
        return "\n"
    said = "".join(_session(words, s) for s in sessions)
    return (
        '\n<section aria-labelledby="sessions">'
        f'\n  <h2 id="sessions">{words.word("Sessions")}</h2>\n  {said}\n</section>\n\n'
    )


def _agenda(words: Words, context: template.Context) -> str:
    agenda = context["agenda"]
    shown = f"\n  <ol>{rows.agenda_rows(context, agenda)}\n  </ol>\n  " if agenda else ""
    return _section("agenda", words.word("Agenda"), shown, words.word("No agenda is recorded."))


def _reports(words: Words, context: template.Context) -> str:
    reports, progress = context["reports"], context["progress"]
    shown = ""
    if reports or progress:
        shown = (
            f"\n  <ul>\n    {lists.report_items(context, reports)}"
            f"\n    {lists.progress_items(context, progress)}\n  </ul>\n  "
        )
    empty = words.word("No report is recorded.")
    return _section("reports", words.word("Reports heard"), shown, empty)


def _actions(words: Words, context: template.Context) -> str:
    actions = context["actions"]
    shown = ""
    if actions:
        columns = _columns(
            words.word("Action"),
            words.word("Subject"),
            words.word("Referred to"),
        )
        shown = (
            f"\n  <table>\n    <caption>{words.word('What the body did at the meeting')}"
            f"</caption>\n    <thead><tr>{columns}</tr></thead>"
            f"\n    <tbody>{rows.action_rows(context, actions)}\n    </tbody>\n  </table>\n  "
        )
    empty = words.word("No action is recorded.")
    return _section("actions", words.word("Actions"), shown, empty)


def _effects(context: template.Context, effects: list[Any]) -> str:
    """Each effect as web/includes/effect.html writes it (`{% include %}` with `e`)."""
    included = context.template.engine.get_template("web/includes/effect.html")  # type: ignore[union-attr]
    said = []
    for e in effects:
        with context.push(e=e):
            said.append(f"<li>{included.render(context)}</li>")
    return "".join(said)


def _decision(
    words: Words, context: template.Context, row: Any, org: str, body: str, ref: str
) -> str:
    d = row.decision
    document = ""
    if d.document and d.document_visible:
        href = words.path("web:document", org, d.document.slug)
        document = f' (<a href="{href}">{words.tr(d.document)}</a>)'
    caption = (
        f'{words.tr_field(d, "title")} — <span class="badge status-'
        f'{esc(slugify_status(row.outcome))}">{esc(outcome_label(row.outcome))}</span>'
        f' <span class="muted decision-how">({esc(row.how)})</span>{document}'
    )
    columns = _columns(
        words.word("Member"),
        words.word("Position"),
        words.word("Statement"),
    )
    said = (
        f'\n  <table id="decision-{esc(d.slug)}">\n    <caption>{caption}</caption>'
        f"\n    <thead><tr>{columns}</tr></thead>"
        f"\n    <tbody>{lists.position_rows(context, row.positions)}\n    </tbody>\n  </table>\n  "
    )
    effects = list(all_of(d, "effects"))
    if effects:
        label = words.word("What it decides")
        said += f'<ul class="decides" aria-label="{label}">{_effects(context, effects)}</ul>'
    said += "\n  "
    if context["may_record_position"] and d.is_open:
        href = words.path("web:position", org, body, ref, d.slug)
        title = mark_safe(words.tr_field(d, "title"))
        record = _said(words.word("Record a position on “%(decision)s”"), decision=title)
        said += f'<p class="no-print"><a href="{href}">{record}</a></p>'
    return said + "\n  "


def _decisions(words: Words, context: template.Context, org: str, body: str, ref: str) -> str:
    decisions = context["decisions"]
    said = "".join(_decision(words, context, row, org, body, ref) for row in decisions)
    if not decisions:
        said = f"<p>{words.word('No decision is recorded.')}</p>"
    return (
        '<section aria-labelledby="decisions">'
        f'\n  <h2 id="decisions">{words.word("Decisions")}</h2>\n  {said}\n</section>'
    )


def _listed(words: Words, context: template.Context) -> str:
    """The documents, the events, the statements and the published releases."""
    documents, events = context["documents"], context["events"]
    shown = f"\n  <ul>{lists.document_items(context, documents)}</ul>\n  " if documents else ""
    empty = words.word("No document is recorded.")
    said = _section("documents", words.word("Documents"), shown, empty) + "\n\n"
    shown = f"\n  <ul>{lists.event_items(context, events)}</ul>\n  " if events else ""
    empty = words.word("No event is recorded.")
    said += _section("events", words.word("Related events"), shown, empty) + "\n\n"
    statements = context["statements"]
    if statements:
        said += (
            '\n<section aria-labelledby="statements">'
            f'\n  <h2 id="statements">{words.word("Statements")}</h2>'
            f"\n  {rows.statement_rows(context, statements)}\n</section>\n"
        )
    said += "\n"
    releases = context["releases"]
    if releases:
        said += (
            '\n<section aria-labelledby="releases">'
            f'\n  <h2 id="releases">{words.word("Press releases")}</h2>'
            f"\n  <ul>{lists.release_items(context, releases)}</ul>\n</section>\n"
        )
    return said + "\n"


def _drafting(words: Words, context: template.Context) -> str:
    """The releases being drafted and the form to draft one (for those who keep the record)."""
    if not context["can_edit"]:
        return "\n"
    working = context["working_releases"]
    listed = f"\n  <ul>{lists.working_release_items(context, working)}</ul>\n  " if working else ""
    heading = words.word("Press releases and information reports: drafting")
    return (
        '\n<section aria-labelledby="release-work" class="no-print">'
        f'\n  <h2 id="release-work">{heading}</h2>\n  {listed}'
        f"\n  {release_draft_form(context, context['release_form'])}\n</section>\n\n"
    )


def _outputs(words: Words, context: template.Context) -> str:
    """web/includes/outputs.html."""
    outputs = context["outputs"]
    if not outputs:
        return "\n"
    name = esc(context.get("outputs_id") or "page")
    links = "".join(
        f'\n    <li><a href="{esc(o.url)}">{esc(o.label)}</a>'
        f' <span class="muted">({esc(o.format)})</span></li>'
        for o in outputs
    )
    return (
        f'\n<section class="outputs no-print" aria-labelledby="outputs-{name}">'
        f'\n  <h2 id="outputs-{name}">{words.word("Subscribe and download")}</h2>'
        f'\n  <ul class="outputs">{links}\n  </ul>\n</section>\n'
    )


@register.simple_tag(takes_context=True)
def meeting_page(context: template.Context) -> SafeString:
    """The meeting page's `content` block."""
    words = of(context)
    org, body, ref = context["organization"].slug, context["body"].slug, context["meeting"].ref
    changes = words.path("web:meeting-changes", org, body, ref)
    minutes = words.path("web:meeting-minutes", org, body, ref)
    said = [
        _head(words, context, org, body, ref),
        "\n",
        _participants(words, context),
        "\n\n",
        _sessions(words, context),
        "\n\n",
        _agenda(words, context),
        "\n\n",
        _reports(words, context),
        "\n\n",
        _actions(words, context),
        "\n\n",
        _decisions(words, context, org, body, ref),
        "\n\n",
        _listed(words, context),
        _drafting(words, context),
        f'<p class="no-print"><a href="{changes}">{words.word("Record of changes")}</a> · '
        f'<a href="{minutes}">{words.word("Minutes and attendance list (to print)")}</a></p>\n',
        _outputs(words, context),
        "\n",
    ]
    return mark_safe("".join(said))
