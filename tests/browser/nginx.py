"""nginx (Debian's nginx-light) serving a static export with the shipped deploy/nginx.conf.

The config is used as it is, with only what differs on a test machine replaced: the folder,
a free 127.0.0.1 port, its own pid, log and temp paths, the user, and `daemon off` so the
process is ours to stop by its PID.
"""
import getpass
import re
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

from ..helpers import stop_process, wait_until_answering

ROOT = Path(__file__).resolve().parents[2]
NGINX = "/usr/sbin/nginx"
SHIPPED_CONFIG = ROOT / "deploy" / "nginx.conf"
TEMP_PATHS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")


def _replace(pattern, replacement, text):
    new, count = re.subn(pattern, replacement, text, flags=re.MULTILINE)
    if count == 0:
        raise AssertionError(f"deploy/nginx.conf has no line matching {pattern!r}")
    return new


def config_for_test(site, port, workdir, shipped=SHIPPED_CONFIG):
    """The shipped config, pointed at `site` on 127.0.0.1:`port`, writing only under `workdir`."""
    text = Path(shipped).read_text()
    text = _replace(r"^user .*;$", f"user {getpass.getuser()};", text)
    text = _replace(r"^pid .*;$", f"pid {workdir}/nginx.pid;", text)
    text = _replace(r"^error_log \S+ (\w+);$", rf"error_log {workdir}/error.log \1;", text)
    text = _replace(r"^(\s*)access_log \S+ (\w+);$", rf"\1access_log {workdir}/access.log \2;", text)
    text = _replace(r"^(\s*)listen 8080;$", rf"\1listen 127.0.0.1:{port};", text)
    text = _replace(r"^\s*listen \[::\]:8080;\n", "", text)
    text = _replace(r"^(\s*)root \S+;$", rf"\1root {site};", text)
    temp = "".join(f"    {name}_temp_path {workdir}/{name};\n" for name in TEMP_PATHS)
    text = _replace(r"^http \{\n", "http {\n" + temp, text)
    return "daemon off;\n" + text


class NginxServer:
    """nginx in the foreground on its own port, stopped by its own PID."""

    def __init__(self, site, port, workdir):
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.config = self.workdir / "nginx.conf"
        self.config.write_text(config_for_test(site, port, self.workdir))
        self.access_log = self.workdir / "access.log"
        self.error_log = self.workdir / "error.log"
        check = subprocess.run([NGINX, "-t", "-q", "-p", str(self.workdir), "-c", str(self.config)],
                               capture_output=True, text=True)
        if check.returncode:
            raise RuntimeError(f"nginx -t failed: {check.stderr}")
        self.process = subprocess.Popen([NGINX, "-p", str(self.workdir), "-c", str(self.config)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wait_until_answering(self.process, self.url + "/healthz", "nginx", 15)

    def get(self, path, headers=None, method="GET", data=None):
        """(status, headers, body) without following redirects."""
        request = urllib.request.Request(self.url + path, headers=headers or {}, method=method, data=data)
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            with opener.open(request, timeout=10) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def stop(self):
        stop_process(self.process)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
