# SQLite matches words as PostgreSQL does, by their Snowball stems: the FTS5 table is
# made again without the Porter tokenizer (English only, and not PostgreSQL's
# stemmer), and holds each entry's words already stemmed in the entry's language
# (English and Russian; others as written), Chinese as character pairs, as
# accord.search.text.index_text writes them. A query's word is looked up by its English
# stem, its Russian stem and as typed (accord.search.text.Term.fts5).

import re

import snowballstemmer
from django.db import migrations

CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
CHUNK = 2000
STEMMERS = {"en": snowballstemmer.stemmer("english"), "ru": snowballstemmer.stemmer("russian")}
CREATE = (
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title, body, tokenize = 'unicode61 remove_diacritics 2')"
)


def _pairs(found: re.Match) -> str:
    run = found.group()
    return " " + " ".join([run[i : i + 2] for i in range(len(run) - 1)] + [run[-1]]) + " "


def _index_text(text: str, language: str) -> str:
    stemmer = STEMMERS.get((language or "").split("-")[0].split("_")[0].lower())
    folded = text.casefold().replace("ё", "е")
    if stemmer is not None:
        folded = re.sub(r"\w+", lambda w: stemmer.stemWord(w.group()), folded)
    return re.sub(f"[{CJK}]+", _pairs, folded)


def restem(apps, schema_editor) -> None:
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    last = 0
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS search_fts")
        cursor.execute(CREATE)
        while True:
            cursor.execute(
                "SELECT id, title, body, language FROM search_entry"
                " WHERE id > %s ORDER BY id LIMIT %s",
                [last, CHUNK],
            )
            found = cursor.fetchall()
            if not found:
                return
            cursor.executemany(
                "INSERT INTO search_fts (rowid, title, body) VALUES (%s, %s, %s)",
                [(pk, _index_text(t, lang), _index_text(b, lang)) for pk, t, b, lang in found],
            )
            last = found[-1][0]


class Migration(migrations.Migration):
    dependencies = [("search", "0002_chinese_pairs_and_dates")]

    operations = [migrations.RunPython(restem, migrations.RunPython.noop, elidable=True)]
