from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "accord.records"
    label = "records"
