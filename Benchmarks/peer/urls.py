from django.urls import include, path
urlpatterns = [path("helpdesk/", include("helpdesk.urls"))]
