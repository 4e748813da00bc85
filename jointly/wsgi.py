import os

from django.core.wsgi import get_wsgi_application

from jointly.core.serving import tune_garbage_collector

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jointly.settings")
application = get_wsgi_application()
tune_garbage_collector()  # each app server worker, once loaded (jointly.core.serving)
