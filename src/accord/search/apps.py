from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SearchConfig(AppConfig):
    name = "accord.search"
    label = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from accord.core import audit
        from accord.search import index

        audit.written.connect(index.written, dispatch_uid="accord.search.index")
        audit.settled.connect(index.settled, dispatch_uid="accord.search.index")
        post_migrate.connect(index.build_if_empty, sender=self, dispatch_uid="accord.search")
