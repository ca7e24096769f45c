from tests.api.conftest import _fast_passwords, as_role, secretariat  # noqa: F401
