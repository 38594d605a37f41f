// harmreduce service worker for one edition: keeps its pages for offline use.
// Never stores a POST (self-check answers and results), a URL with a query string, or
// anything from another site.
"use strict";
const CACHE = {{ cache_name|tojson }};
const PREFIX = {{ cache_prefix|tojson }};
const SCOPE = {{ scope|tojson }};
const PRECACHE = {{ precache|tojson }};

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith(PREFIX) && name !== CACHE)
        .map((name) => caches.delete(name))))
      .then(() => self.clients.claim())
  );
});

function storable(request) {
  const url = new URL(request.url);
  return request.method === "GET" && url.origin === self.location.origin && !url.search
    && (url.pathname.startsWith(SCOPE) || url.pathname.startsWith("/static/"))
    && !url.pathname.startsWith(SCOPE + "self-check/");
}

// Pages: the network first (numbers stay current), the stored copy when offline.
// Static files: the stored copy first.
self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (!storable(request)) { return; }
  if (request.mode === "navigate") {
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put(request, copy));
          }
          return response;
        })
        .catch(() => caches.match(request).then((stored) => stored || caches.match(SCOPE)))
    );
    return;
  }
  event.respondWith(caches.match(request).then((stored) => stored || fetch(request)));
});
