from django.apps import AppConfig
from django.db.models.signals import post_delete


class DocumentsConfig(AppConfig):
    name = "accord.documents"
    label = "documents"

    def ready(self) -> None:
        from accord.documents.models import DocumentFile
        from accord.documents.services import forget_stored_file

        post_delete.connect(forget_stored_file, sender=DocumentFile, dispatch_uid="forget-file")
