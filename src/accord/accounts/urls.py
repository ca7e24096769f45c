"""Session sign-in for the browser: /accounts/login/ (then /accounts/login/code/ for a
user with an authenticator app), /accounts/logout/ (POST), /accounts/two-factor/.

Included by the project's URLs as `path("accounts/", include("accord.accounts.urls"))`.
Failed sign-ins are counted by django-axes (AXES_FAILURE_LIMIT), which then refuses
further attempts, even with the right password, until the cool-off ends.
"""

from django.contrib.auth import views as auth_views
from django.urls import path

from accord.accounts import views

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("login/code/", views.login_code, name="login-code"),
    path("logout/", auth_views.LogoutView.as_view(next_page="/"), name="logout"),
    path("two-factor/", views.two_factor, name="two-factor"),
]
