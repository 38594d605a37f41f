"""Page weight: what a first visit to each page costs, compressed as a server would send it.

For every page of every edition (each language alone and with each country) it counts the HTML
and everything the page makes the browser fetch (stylesheet, script, icon, manifest, images),
gzip-compressed at level 6 like nginx or a CDN would, plus the pages the service worker stores
for offline use. It also counts requests to other hosts (there must be none).

    .venv/bin/python bench/page_weight.py            # summary table
    .venv/bin/python bench/page_weight.py --all      # every page

Targets: HTML <= 14 KB compressed (fits the first round trip), first visit <= 40 KB, zero
third-party requests.
"""
import argparse
import gzip
import json
import re
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from harmreduce import create_app  # noqa: E402
from tests.helpers import all_editions, collect_links, page_paths  # noqa: E402

HTML_TARGET, VISIT_TARGET = 14 * 1024, 40 * 1024


def compressed_size(body):
    return len(gzip.compress(body, 6))


def measure(client, path, asset_sizes):
    page = client.get(path)
    html = page.get_data()
    resources = [url for url in collect_links(html.decode()).fetched if not url.startswith("inline:")]
    third_party = [url for url in resources if not url.startswith("/") or url.startswith("//")]
    assets = 0
    for url in resources:
        if url.startswith("/") and not url.startswith("//") and url not in asset_sizes:
            asset_sizes[url] = compressed_size(client.get(url).get_data())
        assets += asset_sizes.get(url, 0)
    worker = re.search(rb'data-service-worker="([^"]+)"', html)
    offline = 0
    if worker:
        script = client.get(worker.group(1).decode()).get_data()
        offline = compressed_size(script)
        precache = json.loads(re.search(rb"const PRECACHE = (\[.*?\]);", script).group(1))
        for url in precache:
            if url != path and url not in resources:
                if url not in asset_sizes:
                    asset_sizes[url] = compressed_size(client.get(url).get_data())
                offline += asset_sizes[url]
    return {"path": path, "html": compressed_size(html), "html_raw": len(html), "assets": assets,
            "offline": offline, "third_party": len(third_party)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--all", action="store_true", help="print every page, not just the summary")
    args = parser.parse_args()
    app = create_app({"TESTING": True})
    client = app.test_client()
    asset_sizes, rows = {}, []
    for edition in all_editions(app):
        for path in page_paths(app, edition):
            rows.append(measure(client, path, asset_sizes))
    for row in rows:
        row["visit"] = row["html"] + row["assets"]
        row["with_offline"] = row["visit"] + row["offline"]
    if args.all:
        print(f"{'page':45} {'HTML':>8} {'HTML gz':>8} {'visit gz':>9} {'+offline':>9} {'3rd-party':>9}")
        for row in rows:
            print(f"{row['path']:45} {row['html_raw']:>8} {row['html']:>8} {row['visit']:>9} "
                  f"{row['with_offline']:>9} {row['third_party']:>9}")
    by_page = {}
    for row in rows:
        by_page.setdefault(re.sub(r"^/[^/]+", "/<edition>", row["path"]), []).append(row)
    print(f"\n{len(rows)} pages in {len(all_editions(app))} editions; bytes, gzip -6 (KB = 1024 bytes)\n")
    print(f"| {'page':36} | HTML gz max | first visit max | + offline copies max | 3rd-party |")
    print(f"|{'-' * 38}|-------------|-----------------|----------------------|-----------|")
    for page, page_rows in sorted(by_page.items()):
        print(f"| {page:36} | {max(r['html'] for r in page_rows) / 1024:9.1f} KB "
              f"| {max(r['visit'] for r in page_rows) / 1024:13.1f} KB "
              f"| {max(r['with_offline'] for r in page_rows) / 1024:18.1f} KB "
              f"| {sum(r['third_party'] for r in page_rows):9} |")
    worst_html = max(rows, key=lambda r: r["html"])
    worst_visit = max(rows, key=lambda r: r["visit"])
    print(f"\nHTML: median {statistics.median(r['html'] for r in rows) / 1024:.1f} KB, "
          f"largest {worst_html['html'] / 1024:.1f} KB ({worst_html['path']}); target {HTML_TARGET // 1024} KB: "
          f"{'met' if worst_html['html'] <= HTML_TARGET else 'MISSED by %.1f KB' % ((worst_html['html'] - HTML_TARGET) / 1024)}")
    print(f"First visit: median {statistics.median(r['visit'] for r in rows) / 1024:.1f} KB, "
          f"largest {worst_visit['visit'] / 1024:.1f} KB ({worst_visit['path']}); target {VISIT_TARGET // 1024} KB: "
          f"{'met' if worst_visit['visit'] <= VISIT_TARGET else 'MISSED by %.1f KB' % ((worst_visit['visit'] - VISIT_TARGET) / 1024)}")
    worst_offline = max(rows, key=lambda r: r["with_offline"])
    print(f"First visit including the offline copies the service worker stores afterwards: largest "
          f"{worst_offline['with_offline'] / 1024:.1f} KB ({worst_offline['path']})")
    print(f"Third-party requests: {sum(r['third_party'] for r in rows)} (target 0)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
