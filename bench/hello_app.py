"""The baseline for bench/throughput.py: a bare Flask app that answers "hello"."""
from flask import Flask


def create_app():
    app = Flask(__name__)

    @app.get("/")
    def hello():
        return "hello"

    return app
