from django.urls import include, path

urlpatterns = [
    path("accounts/", include("accord.accounts.urls")),
    path("", include("accord.web.urls")),
]
