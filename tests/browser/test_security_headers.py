"""Security-header gate: the MDN HTTP Observatory against the running server, test by test."""
import pytest

from .conftest import LiveServer
from .gates import observatory_failures


def test_every_observatory_test_that_can_pass_over_http_passes(live_server):
    assert observatory_failures(f"127.0.0.1:{live_server.port}") == {}


@pytest.fixture()
def server_missing_a_header():
    server = LiveServer("tests.browser.planted:app_without_frame_options()")
    yield server
    server.stop()


def test_the_gate_catches_a_planted_missing_header(server_missing_a_header):
    assert "x-frame-options" in observatory_failures(f"127.0.0.1:{server_missing_a_header.port}")
