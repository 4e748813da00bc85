"""The directory's pages (namespace "providers") and its open ORUK feed (namespace "oruk")."""

from django.urls import include, path

from . import feed, views, views_manage

pages = [
    path("directory/", views.directory, name="directory"),
    path("directory/services/<uuid:uuid>/", views.service_detail, name="service"),
    path("directory/services/<uuid:uuid>/versions/", views_manage.service_versions, name="service-versions"),
    path("directory/organisations/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("directory/organisations/<slug:slug>/versions/", views_manage.organisation_versions, name="organisation-versions"),
    path("directory/list-your-group/", views.list_your_group, name="list-your-group"),
    path("directory/list-your-group/sent/", views.list_your_group_sent, name="list-your-group-sent"),
    path("directory/manage/", views_manage.manage_start, name="manage-start"),
    path("directory/manage/<slug:slug>/", views_manage.manage, name="manage"),
    path("directory/manage/<slug:slug>/details/", views_manage.profile_edit, name="profile-edit"),
    path("directory/manage/<slug:slug>/services/add/", views_manage.service_edit, name="service-add"),
    path("directory/manage/<slug:slug>/services/<uuid:uuid>/", views_manage.service_edit, name="service-edit"),
    path("directory/changes/", views_manage.review, name="review"),
    path("directory/changes/<int:pk>/", views_manage.revision_detail, name="revision"),
    path("directory/changes/<int:pk>/decide/", views_manage.revision_decide, name="revision-decide"),
]

# ORUK paths have no trailing slash.
oruk = [
    path("", feed.api_info, name="info"),
    path("services", feed.service_list, name="services"),
    path("services/<str:id>", feed.service_detail, name="service"),
    path("organizations", feed.organization_list, name="organizations"),
    path("organizations/<str:id>", feed.organization_detail, name="organization"),
    path("taxonomies", feed.taxonomy_list, name="taxonomies"),
    path("taxonomies/<str:id>", feed.taxonomy_detail, name="taxonomy"),
    path("taxonomy_terms", feed.taxonomy_term_list, name="taxonomy-terms"),
    path("taxonomy_terms/<str:id>", feed.taxonomy_term_detail, name="taxonomy-term"),
]

urlpatterns = [
    path("", include((pages, "providers"))),
    path("api/oruk/", include((oruk, "oruk"))),
]
