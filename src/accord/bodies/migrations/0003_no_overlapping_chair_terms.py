# On PostgreSQL the database itself refuses overlapping chair terms: of the
# organization's presidency (body null, compared as 0, which no body id takes)
# and of each body with its own chair terms. The services refuse them everywhere.

from django.db import migrations

from accord.core.operations import no_overlap


class Migration(migrations.Migration):

    dependencies = [
        ('bodies', '0002_power_document_types_and_term_decisions'),
        ('core', '0002_btree_gist'),
    ]

    operations = [
        no_overlap(
            'bodies_chairterm',
            'chair_term_no_overlap',
            '"organization_id" WITH =, (COALESCE("body_id", 0)) WITH =',
        ),
    ]
