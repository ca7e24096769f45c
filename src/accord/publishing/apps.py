from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "accord.publishing"
    label = "publishing"
