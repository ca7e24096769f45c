# The btree_gist extension lets exclusion constraints compare plain columns (=)
# alongside date ranges (&&). PostgreSQL only: on SQLite this does nothing.

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0001_audit_trail'),
    ]

    operations = [
        BtreeGistExtension(),
    ]
