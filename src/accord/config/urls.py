from django.urls import include, path

from accord.api.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("accounts/", include("accord.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("accord.publishing.urls")),
    path("", include("accord.web.urls")),
]
