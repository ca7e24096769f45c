from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "accord.core"
    label = "core"

    def ready(self) -> None:
        # PostgreSQL cursors that convert a long statement's placeholders once.
        from accord.core import postgresql  # noqa: F401
