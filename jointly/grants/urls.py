from django.urls import path

from . import views, views_panel, views_staff

app_name = "grants"

urlpatterns = [
    # Open to everyone: published programmes, and the open data of awarded grants.
    path("grants/", views.programme_list, name="programmes"),
    path("grants/programmes/<int:pk>/", views.programme_detail, name="programme"),
    # An applicant organisation's own.
    path("grants/programmes/<int:pk>/apply/", views.apply, name="apply"),
    path("grants/applications/", views.my_applications, name="my-applications"),
    path("grants/applications/<int:pk>/", views.application_edit, name="application"),
    path("grants/applications/<int:pk>/send/", views.application_submit, name="application-submit"),
    path("grants/applications/<int:pk>/agreement/", views.agreement, name="agreement"),
    path("grants/applications/<int:pk>/agreement.pdf", views.agreement_pdf, name="agreement-pdf"),
    # The panel's.
    path("grants/programmes/<int:pk>/panel/", views_panel.panel_home, name="panel"),
    path("grants/programmes/<int:pk>/panel/declare/", views_panel.declare, name="panel-declare"),
    path("grants/panel/applications/<int:pk>/", views_panel.score, name="panel-score"),
    # The trust's grant officers'.
    path("grants/<slug:slug>/programmes/", views_staff.manage, name="manage"),
    path("grants/<slug:slug>/programmes/add/", views_staff.programme_add, name="programme-add"),
    path("grants/<slug:slug>/programmes/<int:pk>/", views_staff.programme_manage, name="programme-manage"),
    path("grants/<slug:slug>/programmes/<int:pk>/criteria/add/", views_staff.criterion_add, name="criterion-add"),
    path("grants/<slug:slug>/programmes/<int:pk>/questions/add/", views_staff.question_add, name="question-add"),
    path("grants/<slug:slug>/programmes/<int:pk>/publish/", views_staff.programme_publish, name="programme-publish"),
    path("grants/<slug:slug>/programmes/<int:pk>/panel/add/", views_staff.panel_add, name="panel-add"),
    path("grants/<slug:slug>/applications/<int:pk>/decide/", views_staff.decide, name="decide"),
]
