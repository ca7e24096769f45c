from django.urls import include, path

urlpatterns = [
    path("", include("accord.web.urls")),
]
