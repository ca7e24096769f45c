"""Decisions carry their outcome as recorded, with the procedure, vote counts, their
own date and their order; `is_open` becomes the outcome `open`.

Existing decisions keep the outcome the positions gave them: an open one stays open,
a closed one becomes adopted or not adopted as the old derivation said (under the
body's decision rule, else the organization's)."""

from django.db import migrations, models


def _derived(rule: str, stances: list[str], is_open: bool) -> str:
    # The derivation of decisions.rules (consensus_outcome, vote_outcome) as it stood
    # when this migration was written, copied so that later changes leave it alone.
    if is_open:
        return "open"
    if rule == "vote":
        yes = stances.count("yes")
        no = stances.count("no")
        return "adopted" if yes > no else "not-adopted"
    if "objects" in stances:
        return "not-adopted"
    if any(s in ("concurs", "concurs-with-statement") for s in stances):
        return "adopted"
    return "not-adopted"


def outcome_from_positions(apps, schema_editor):
    Decision = apps.get_model("decisions", "Decision")
    Position = apps.get_model("decisions", "Position")
    rows = Decision.objects.select_related("meeting__body__organization")
    for decision in rows.iterator():
        body = decision.meeting.body
        rule = body.decision_rule or body.organization.decision_rule
        stances = list(
            Position.objects.filter(decision=decision).values_list("stance", flat=True)
        )
        decision.outcome = _derived(rule, stances, decision.is_open)
        decision.save(update_fields=["outcome"])


def open_from_outcome(apps, schema_editor):
    Decision = apps.get_model("decisions", "Decision")
    Decision.objects.filter(outcome="open").update(is_open=True)
    Decision.objects.exclude(outcome="open").update(is_open=False)


class Migration(migrations.Migration):
    dependencies = [
        ("bodies", "0001_initial"),
        ("decisions", "0001_initial"),
        ("registry", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="decision",
            name="outcome",
            field=models.CharField(
                choices=[
                    ("adopted", "adopted"),
                    ("not-adopted", "not adopted"),
                    ("open", "open"),
                    ("deferred", "deferred"),
                    ("withdrawn", "withdrawn"),
                ],
                default="open",
                max_length=20,
            ),
        ),
        migrations.AddField(
            model_name="decision",
            name="procedure",
            field=models.CharField(
                blank=True,
                choices=[
                    ("consensus", "consensus"),
                    ("no-objection", "no objection"),
                    ("silence", "silence procedure"),
                    ("vote", "vote"),
                ],
                max_length=20,
            ),
        ),
        migrations.AddField(
            model_name="decision",
            name="votes_in_favour",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="decision",
            name="votes_against",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="decision",
            name="votes_abstaining",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="decision",
            name="date",
            field=models.DateField(blank=True, help_text="blank: the meeting's last day", null=True),
        ),
        migrations.AddField(
            model_name="decision",
            name="order",
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.RunPython(outcome_from_positions, open_from_outcome),
        migrations.RemoveField(model_name="decision", name="is_open"),
        migrations.AlterModelOptions(
            name="decision",
            options={"ordering": ["meeting", "order", "slug"]},
        ),
    ]
