# PostgreSQL finds Chinese as SQLite does, by character pairs: an entry's texts are
# stored with each run of Chinese characters written as its overlapping pairs
# (accord.search.text.cjk_pairs), so that the tsvector holds the pairs as words and a
# Chinese term is a phrase of them, found through the GIN index. The trigram index,
# which could not serve a term of two characters (every row was read), goes. The
# entries already written are rewritten here.
#
# An index on the entries' dates: a query matching very many entries is answered from
# the newest first (accord.search.service).

import re

from django.db import migrations, models

from accord.core.operations import PostgreSQLOnly

CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
CHUNK = 2000


def _pairs(found: re.Match) -> str:
    run = found.group()
    return " " + " ".join([run[i : i + 2] for i in range(len(run) - 1)] + [run[-1]]) + " "


def rewrite_chinese(apps, schema_editor) -> None:
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    runs = re.compile(f"[{CJK}]+")
    last = 0
    with connection.cursor() as cursor:
        while True:
            cursor.execute(
                "SELECT id, title, body FROM search_entry"
                " WHERE id > %s AND (title || body) ~ %s ORDER BY id LIMIT %s",
                [last, f"[{CJK}]", CHUNK],
            )
            found = cursor.fetchall()
            if not found:
                return
            cursor.executemany(
                "UPDATE search_entry SET title = %s, body = %s WHERE id = %s",
                [(runs.sub(_pairs, t), runs.sub(_pairs, b), pk) for pk, t, b in found],
            )
            last = found[-1][0]


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_index")]

    operations = [
        PostgreSQLOnly(
            sql="DROP INDEX IF EXISTS search_entry_trigrams",
            reverse_sql=(
                "CREATE INDEX search_entry_trigrams ON search_entry"
                " USING gin ((title || ' ' || body) gin_trgm_ops)"
            ),
        ),
        migrations.RunPython(rewrite_chinese, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(fields=["date"], name="search_entry_date"),
        ),
    ]
