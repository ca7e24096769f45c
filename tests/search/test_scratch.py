import pytest
from accord.accounts.access import ANONYMOUS
from accord.search import search
pytestmark = pytest.mark.django_db

def test_show():
    for q in ["Антинаркотическая", "plans", "Бишкеке", "бишкек", "禁毒", "上海合作组织", "Secretaries 14", "drug", "counter-narcotics", "стратегии"]:
        hits = search(ANONYMOUS, q, limit=8, language="ru" if q[0] > "z" else "en")
        print("\n==", q, len(hits))
        for h in hits:
            print(f"  {h.kind:12} {h.score:8.4f} {h.object.pk:5} {h.title[:60]!r} | {str(h.snippet)[:140]!r}")
