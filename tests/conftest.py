"""Shared fixtures: the real app on the real data files, and ways to walk every page."""
from pathlib import Path

import pytest

from harmreduce import create_app

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def app():
    return create_app({"TESTING": True})


@pytest.fixture()
def client(app):
    return app.test_client()
