from django.apps import AppConfig


class ImplementationConfig(AppConfig):
    name = "accord.implementation"
    label = "implementation"
