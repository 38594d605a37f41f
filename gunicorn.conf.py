"""gunicorn settings for production and for the tests that run the real server.

Access log: method, path without the query string, status, size and time. No client address,
no query string, no referrer, no user agent: nothing that identifies a visitor.
"""
import multiprocessing
import os

bind = os.environ.get("HARMREDUCE_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "gthread"
threads = 4
timeout = 30
graceful_timeout = 20
keepalive = 5
accesslog = os.environ.get("HARMREDUCE_ACCESS_LOG", "-")
errorlog = "-"
access_log_format = '"%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
# Request-line and header limits well above what a real browser sends.
limit_request_line = 8190
limit_request_fields = 100
