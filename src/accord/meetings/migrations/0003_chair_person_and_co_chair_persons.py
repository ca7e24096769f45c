"""A meeting records the person who chaired, and each co-chair's person: the plain
link of meetings to co-chairing parties becomes the model `CoChair` on the same table
(state only), which then gains its `person`."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_event_place_and_city_names"),
        ("registry", "0004_organizations_declare_global_records"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="CoChair",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "meeting",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="co_chair_rows",
                                to="meetings.meeting",
                            ),
                        ),
                        (
                            "party",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="registry.party",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "meetings_meeting_co_chairs",
                        "ordering": ["meeting", "party__code"],
                        "unique_together": {("meeting", "party")},
                    },
                ),
                migrations.AlterField(
                    model_name="meeting",
                    name="co_chairs",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="+",
                        through="meetings.CoChair",
                        to="registry.party",
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.AddField(
            model_name="cochair",
            name="person",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="co_chaired",
                to="registry.person",
            ),
        ),
        migrations.AddField(
            model_name="meeting",
            name="chair_person",
            field=models.ForeignKey(
                blank=True,
                help_text="the person who chaired, where the record names one",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="chaired_meetings",
                to="registry.person",
            ),
        ),
    ]
