"""Session sign-in for the browser: /accounts/login/ and /accounts/logout/ (POST).

Included by the project's URLs as `path("accounts/", include("accord.accounts.urls"))`.
Failed sign-ins are counted by django-axes (AXES_FAILURE_LIMIT), which then refuses
further attempts, even with the right password, until the cool-off ends.
"""

from django.contrib.auth import views as auth_views
from django.urls import path

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="registration/login.html", next_page="/"),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(next_page="/"), name="logout"),
]
