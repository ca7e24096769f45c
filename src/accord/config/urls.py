from django.urls import include, path

from accord.api.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("accounts/", include("accord.accounts.urls")),
    path("", include("accord.publishing.urls")),
    path("", include("accord.web.urls")),
]
