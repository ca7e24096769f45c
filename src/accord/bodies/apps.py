from django.apps import AppConfig


class BodiesConfig(AppConfig):
    name = "accord.bodies"
    label = "bodies"
    verbose_name = "Bodies, powers and chairmanship"
