"""Throughput: wrk against gunicorn serving a content page, and a bare Flask "hello" app under
the same gunicorn settings, in the same run, one after the other (they share the machine).

    .venv/bin/python bench/throughput.py [--seconds 10] [--connections 16] [--rounds 3] [--path /en-gb/risks/bladder]

Prints requests/s, p50/p99 latency, errors and the ratio content/hello. Target: ratio >= 0.8,
0 errors. Needs wrk (Debian package `wrk`; ./run test installs it).
"""
import argparse
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN_SETTINGS = ["-w", "2", "-k", "gthread", "--threads", "4", "--access-logfile", "/dev/null"]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(app_spec, port):
    process = subprocess.Popen([sys.executable, "-m", "gunicorn", *GUNICORN_SETTINGS, "--chdir", str(ROOT),
                                "--bind", f"127.0.0.1:{port}", app_spec],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    return process


def parse_wrk(output):
    def latency(label):
        match = re.search(rf"^\s+{label}\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": latency("50%"),
        "p99": latency("99%"),
        "errors": (sum(int(n) for n in errors.groups()) if errors else 0) + (int(non_2xx.group(1)) if non_2xx else 0),
    }


def run_wrk(url, seconds, connections, extra=()):
    subprocess.run(["wrk", "-t2", f"-c{connections}", "-d2s", *extra, url], capture_output=True)  # warm up
    result = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", *extra, url],
                            capture_output=True, text=True, check=True)
    return parse_wrk(result.stdout)


def measure(app_spec, path, seconds, connections):
    port = free_port()
    server = serve(app_spec, port)
    try:
        return run_wrk(f"http://127.0.0.1:{port}{path}", seconds, connections)
    finally:
        server.terminate()
        server.wait(10)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--path", default="/en-gb/risks/bladder")
    parser.add_argument("--rounds", type=int, default=3, help="alternating runs; the median run is reported")
    args = parser.parse_args()
    # Alternate the two servers and take each one's median run, so a burst of other work on
    # the machine does not decide the ratio.
    runs = {"content": [], "hello": []}
    for _ in range(args.rounds):
        runs["content"].append(measure("harmreduce:create_app()", args.path, args.seconds, args.connections))
        runs["hello"].append(measure("bench.hello_app:create_app()", "/", args.seconds, args.connections))
    content, hello = (sorted(runs[name], key=lambda run: run["rps"])[len(runs[name]) // 2] for name in ("content", "hello"))
    ratio = content["rps"] / hello["rps"]
    print(f"gunicorn {' '.join(GUNICORN_SETTINGS[:6])}; wrk -t2 -c{args.connections} -d{args.seconds}s; "
          f"median of {args.rounds} alternating runs each\n")
    print("| server | requests/s | p50 | p99 | errors |")
    print("|---|---|---|---|---|")
    for name, row in ((f"harmreduce {args.path}", content), ('bare Flask "hello"', hello)):
        print(f"| {name} | {row['rps']:,.0f} | {row['p50']:.2f} ms | {row['p99']:.2f} ms | {row['errors']} |")
    verdict = "met" if ratio >= 0.8 and content["errors"] == 0 else f"MISSED (ratio {ratio:.2f}, target 0.80)"
    print(f"\nratio content/hello: {ratio:.2f} (target >= 0.80: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
