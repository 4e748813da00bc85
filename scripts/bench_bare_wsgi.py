"""The reference for scripts/bench_load.py: the least a WSGI app can do, on the same gunicorn."""


def application(environ, start_response):
    body = b"<!DOCTYPE html><title>bare</title><p>bare WSGI app</p>"
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))])
    return [body]
