"""Apps with one planted defect each, so the tests can prove that every gate can fail."""
from harmreduce import create_app


def app_without_frame_options():
    """The real site with X-Frame-Options and CSP frame-ancestors stripped on the way out."""
    app = create_app()
    site = app.wsgi_app

    def strip_frame_protection(environ, start_response):
        def start(status, headers, exc_info=None):
            kept = [(name, value.replace("; frame-ancestors 'none'", "")) for name, value in headers
                    if name.lower() != "x-frame-options"]
            return start_response(status, kept, exc_info)
        return site(environ, start)

    app.wsgi_app = strip_frame_protection
    return app
