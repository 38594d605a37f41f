"""Security and privacy headers on every response.

The site sets no cookie and loads nothing from another host; the Content-Security-Policy
makes the browser enforce the second promise even if a template slips.
"""
from flask import abort, current_app, request

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "worker-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
])

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "accelerometer=(), camera=(), geolocation=(), gyroscope=(), "
                          "magnetometer=(), microphone=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}

HSTS_VALUE = "max-age=63072000; includeSubDomains"


def init_app(app):
    app.before_request(reject_oversized_bodies)
    app.after_request(add_security_headers)


def reject_oversized_bodies():
    """413 for any request declaring a body over the limit, whatever the route or method.

    Flask only enforces MAX_CONTENT_LENGTH when a view reads the body; checking the declared
    length up front answers every route the same way before any work is done.
    """
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    if request.content_length is not None and request.content_length > limit:
        abort(413)


def add_security_headers(response):
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if current_app.config["HSTS"] and request.is_secure:
        response.headers["Strict-Transport-Security"] = HSTS_VALUE
    return response
