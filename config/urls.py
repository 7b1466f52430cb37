from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from config import api, api_docs
from membership import views as membership_views

urlpatterns = [
    path("health/", membership_views.health, name="health"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", api.urlpatterns()),
]

urlpatterns += i18n_patterns(
    path("", membership_views.home, name="home"),
    path("my/", membership_views.dashboard, name="dashboard"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("membership.urls")),
    path("plan/", include("actionplan.urls")),
    path("council/", include("council.urls")),
    path("grants/", include("grants.urls")),
    path("reports/", include("reports.urls")),
    path("open-data/", api_docs.documentation, name="api_documentation"),
    prefix_default_language=True,
)

# The county's provider needs one redirect URI, not one per language: listed after the
# language-prefixed URLs, these are the ones reverse() gives.
urlpatterns += [path("accounts/", include("allauth.socialaccount.providers.openid_connect.urls"))]

handler403 = membership_views.handler403
handler404 = membership_views.handler404
handler500 = membership_views.handler500
