"""The static export served by nginx vs the app under gunicorn, same page, same wrk run.

    .venv/bin/python bench/static.py [--seconds 10] [--connections 16] [--path /en-gb/risks/bladder]

Exports one edition (the page's) into a temporary folder, serves it with nginx using the shipped
deploy/nginx.conf, and compares with gunicorn (bench/throughput.py's settings). Both send
gzip-compressed pages, as they would to a browser. For the record: no target.
"""
import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.throughput import GUNICORN_SETTINGS, free_port, run_wrk, serve  # noqa: E402
from harmreduce.export import export_site  # noqa: E402
from tests.browser.nginx import NginxServer  # noqa: E402

GZIP = ["-H", "Accept-Encoding: gzip"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--path", default="/en-gb/risks/bladder")
    args = parser.parse_args()
    edition = args.path.strip("/").split("/")[0]
    with tempfile.TemporaryDirectory() as work:
        report = export_site(Path(work) / "site", editions=[edition])
        nginx = NginxServer(report.destination, free_port(), Path(work) / "nginx")
        try:
            static = run_wrk(nginx.url + args.path, args.seconds, args.connections, GZIP)
        finally:
            nginx.stop()
    port = free_port()
    gunicorn = serve("harmreduce:create_app()", port)
    try:
        dynamic = run_wrk(f"http://127.0.0.1:{port}{args.path}", args.seconds, args.connections, GZIP)
    finally:
        gunicorn.terminate()
        gunicorn.wait(10)
    print(f"wrk -t2 -c{args.connections} -d{args.seconds}s, Accept-Encoding: gzip, {args.path}\n")
    print("| server | requests/s | p50 | p99 | errors |")
    print("|---|---|---|---|---|")
    for name, row in (("nginx, static export", static), (f"gunicorn {' '.join(GUNICORN_SETTINGS[:6])}", dynamic)):
        print(f"| {name} | {row['rps']:,.0f} | {row['p50']:.2f} ms | {row['p99']:.2f} ms | {row['errors']} |")
    print(f"\nnginx / gunicorn: {static['rps'] / dynamic['rps']:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
