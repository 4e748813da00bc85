from django.urls import path

from . import views, views_people

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("account/", views.account, name="account"),
    path("account/two-factor/", views.two_factor, name="two-factor"),
    path("account/tokens/<int:pk>/revoke/", views.api_token_revoke, name="api-token-revoke"),
    path("people/", views.user_list, name="user-list"),
    # People administration and passwords (views_people).
    path("people/add/", views_people.person_create, name="person-create"),
    path("people/<int:pk>/", views_people.person_detail, name="person-detail"),
    path("people/<int:pk>/change/", views_people.person_edit, name="person-edit"),
    path("people/<int:pk>/deactivate/", views_people.person_deactivate, name="person-deactivate"),
    path("people/<int:pk>/reactivate/", views_people.person_reactivate, name="person-reactivate"),
    path("people/<int:pk>/send-invitation/", views_people.person_invite_again, name="person-invite-again"),
    path("forgotten-password/", views_people.password_forgotten, name="password-forgotten"),
    path("set-password/<str:uidb64>/<str:token>/", views_people.password_set, name="set-password"),
]
