# The search index: one row per searchable object and language (SearchEntry), and the
# full-text structures over it, different on each database:
# - SQLite: an FTS5 table whose rowid is the entry's id, holding the entry's texts
#   with Chinese written as overlapping character pairs (accord.search.text.bigrams);
#   Porter stemming for English, Unicode case folding, diacritics removed.
# - PostgreSQL: a generated tsvector column, each row in the text-search configuration
#   of its language (english, russian, else simple), titles weighted A and texts B,
#   with a GIN index; a trigram (pg_trgm) GIN index for Chinese substrings.

from django.db import migrations, models

from accord.core.operations import PostgreSQLOnly, SQLiteOnly

CONFIGURATION = (
    "CASE language WHEN 'en' THEN 'english'::regconfig WHEN 'ru' THEN 'russian'::regconfig"
    " ELSE 'simple'::regconfig END"
)

# PostgreSQL's parser skips what looks like an HTML tag ("<b>Bishkek</b>"): a text is
# words, so angle brackets are read as spaces.
WORDS = "translate({}, '<>', '  ')"


class Migration(migrations.Migration):

    initial = True

    dependencies = [
    ]

    operations = [
        migrations.CreateModel(
            name='SearchEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(max_length=20)),
                ('object_id', models.PositiveBigIntegerField()),
                ('language', models.CharField(max_length=10)),
                ('date', models.DateField(null=True)),
                ('title', models.TextField()),
                ('body', models.TextField()),
            ],
            options={
                'db_table': 'search_entry',
                'indexes': [models.Index(fields=['kind', 'object_id'], name='search_entry_object')],
            },
        ),
        SQLiteOnly(
            sql=(
                "CREATE VIRTUAL TABLE search_fts USING fts5("
                "title, body, tokenize = 'porter unicode61 remove_diacritics 2')"
            ),
            reverse_sql="DROP TABLE search_fts",
        ),
        # Kept when the index is removed: other databases' objects may use it.
        PostgreSQLOnly(
            sql="CREATE EXTENSION IF NOT EXISTS pg_trgm", reverse_sql=migrations.RunSQL.noop
        ),
        PostgreSQLOnly(
            sql=[
                "ALTER TABLE search_entry ADD COLUMN vector tsvector GENERATED ALWAYS AS ("
                f"setweight(to_tsvector({CONFIGURATION}, {WORDS.format('title')}), 'A')"
                f" || setweight(to_tsvector({CONFIGURATION}, {WORDS.format('body')}), 'B')) STORED",
                "CREATE INDEX search_entry_vector ON search_entry USING gin (vector)",
                "CREATE INDEX search_entry_trigrams ON search_entry"
                " USING gin ((title || ' ' || body) gin_trgm_ops)",
            ],
            reverse_sql=[
                "DROP INDEX search_entry_trigrams",
                "DROP INDEX search_entry_vector",
                "ALTER TABLE search_entry DROP COLUMN vector",
            ],
        ),
    ]
