"""Lighthouse 12 (mobile preset, simulated throttling) on the key pages, in English and Arabic
(or the languages given), against gunicorn on a free 127.0.0.1 port.

    .venv/bin/python bench/lighthouse.py [--languages en,ar] [--country gb]

Prints the four category scores per page and every audit that cost points. Target: 100 on all
four. Installs Lighthouse into bench/node_modules on first use (npm, pinned by
bench/package-lock.json). About 12 s per page.
"""
import argparse
import os
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROME_FLAGS, CHROMIUM, LiveServer  # noqa: E402

PAGES = ["/", "/help", "/self-check", "/risks/bladder"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def ensure_lighthouse():
    if not (HERE / "node_modules" / ".bin" / "lighthouse").exists():
        subprocess.run(["npm", "ci", "--silent", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=HERE, check=True)


def audit(url):
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as out:
        report = Path(out) / "report.json"
        flags = " ".join(["--headless", *CHROME_FLAGS, f"--user-data-dir={profile}"])
        subprocess.run(["npx", "--no-install", "lighthouse", url, "--quiet", "--output=json",
                        f"--output-path={report}", f"--only-categories={','.join(CATEGORIES)}",
                        f"--chrome-flags={flags}"],
                       cwd=HERE, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM},
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return json.loads(report.read_text())


def lost_points(report):
    lost = []
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            result = report["audits"][ref["id"]]
            if ref["weight"] and result["score"] is not None and result["score"] < 1:
                lost.append(f"{category}: {ref['id']} ({result['score']:.2f})")
    return lost


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--languages", default="en,ar")
    parser.add_argument("--country", default="gb")
    args = parser.parse_args()
    ensure_lighthouse()
    server = LiveServer()
    try:
        print("| page | performance | accessibility | best practices | SEO |")
        print("|---|---|---|---|---|")
        notes, misses = [], 0
        for language in args.languages.split(","):
            for page in PAGES:
                path = f"/{language}-{args.country}{page}"
                report = audit(server.url + path)
                scores = [round(report["categories"][c]["score"] * 100) for c in CATEGORIES]
                misses += sum(score < 100 for score in scores)
                print(f"| {path} | " + " | ".join(str(score) for score in scores) + " |")
                notes += [f"{path}: {item}" for item in lost_points(report)]
        print(f"\ntarget 100 on every category: {'met' if not misses else f'MISSED in {misses} scores'}")
        for note in notes:
            print(f"  {note}")
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
