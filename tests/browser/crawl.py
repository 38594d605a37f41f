"""Find every page of an edition by following links from its home page, as a visitor could."""
import urllib.error
import urllib.request
from collections import deque
from urllib.parse import urldefrag, urljoin, urlparse

from ..helpers import collect_links

MAX_PAGES = 400


def crawl(base_url, start_path):
    """Return the paths of all HTML pages under start_path reachable from it by links."""
    seen, found = {start_path}, []
    queue = deque([start_path])
    while queue and len(found) < MAX_PAGES:
        path = queue.popleft()
        try:
            with urllib.request.urlopen(base_url + path, timeout=10) as response:
                if not response.headers.get_content_type() == "text/html":
                    continue
                html = response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            raise AssertionError(f"{path} links to a page that answers {error.code}") from None
        found.append(path)
        for link in collect_links(html).links:
            target = urlparse(urldefrag(urljoin(base_url + path, link))[0])
            if target.netloc != urlparse(base_url).netloc or not target.path.startswith(start_path):
                continue
            next_path = target.path + (f"?{target.query}" if target.query else "")
            if next_path not in seen:
                seen.add(next_path)
                queue.append(next_path)
    return found
