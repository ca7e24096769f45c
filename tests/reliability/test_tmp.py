from accord.accounts import services
from tests.accounts.people import RoleSpec, make
from tests.api.conftest import Api


def test_ro(db):
    p = make(RoleSpec("x-sec", secretariat=frozenset({"sco"})))
    _, secret = services.create_token(p.user, "ro", days=1, scope="read")
    a = Api(secret).post("/parties", {"code": "NF"})
    print(a.status, a.body, a.headers)
