# On PostgreSQL the database itself refuses overlapping memberships of one party
# in one organization, and overlapping holders of one post (the services refuse
# both on every database).

from django.db import migrations

from accord.core.operations import no_overlap


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0002_btree_gist'),
        ('registry', '0002_post_body'),
    ]

    operations = [
        no_overlap(
            'registry_membership',
            'membership_no_overlap',
            '"organization_id" WITH =, "party_id" WITH =',
        ),
        no_overlap('registry_postholding', 'holding_no_overlap', '"post_id" WITH ='),
    ]
