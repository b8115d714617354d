/* PropertyPro service worker (served at /sw.js, scope /).
 *
 * Bump VERSION whenever this file or the precache list changes: the new worker
 * installs, waits until the user clicks "Reload" in the update toast
 * (message {type:'SKIP_WAITING'}), then deletes the old caches.
 *
 * Privacy rule: HTML is never cached. Signed-in pages hold private data, so
 * navigations go to the network only and fall back to /offline.html.
 */
'use strict';

const VERSION = 'v1'; // bump on every change to this file
const PREFIX = 'propertypro-';
const STATIC_CACHE = `${PREFIX}static-${VERSION}`;
const PKG_CACHE = `${PREFIX}pkg-${VERSION}`;
const OFFLINE_URL = '/offline.html';
const PRECACHE = ['/offline.html', '/icons/icon.svg', '/icons/icon-192.png', '/manifest.webmanifest'];

// cargo-leptos with `hash-files = true` names files like propertypro.<22 base64url chars>.js
const HASHED_NAME = /\.[A-Za-z0-9_-]{16,}\.(?:js|wasm|css)$/;

self.addEventListener('install', (event) => {
  // No skipWaiting() here: the page asks for it when the user agrees to reload.
  event.waitUntil(
    caches.open(STATIC_CACHE).then((cache) =>
      cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' })))
    )
  );
});

self.addEventListener('activate', (event) => {
  const keep = new Set([STATIC_CACHE, PKG_CACHE]);
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => k.startsWith(PREFIX) && !keep.has(k)).map((k) => caches.delete(k)))
      )
      .then(() => self.clients.claim())
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;

  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/')) return;
  if (url.search.includes('token=')) return;

  if (request.mode === 'navigate') {
    event.respondWith(networkOnlyPage(request));
    return;
  }
  if (url.pathname.startsWith('/pkg/')) {
    event.respondWith(
      HASHED_NAME.test(url.pathname) ? cacheFirst(request, PKG_CACHE) : networkFirst(request, PKG_CACHE)
    );
    return;
  }
  if (url.pathname.startsWith('/icons/') || url.pathname === '/manifest.webmanifest') {
    event.respondWith(staleWhileRevalidate(request, event));
    return;
  }
  // Everything else: plain network (the browser's default handling).
});

function cacheable(response) {
  return response && response.ok && response.type === 'basic';
}

async function networkOnlyPage(request) {
  try {
    return await fetch(request);
  } catch (err) {
    const offline = await caches.match(OFFLINE_URL);
    return (
      offline ||
      new Response('You are offline.', { status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
    );
  }
}

// Content-hashed build output never changes under the same name: keep it.
async function cacheFirst(request, cacheName) {
  const cache = await caches.open(cacheName);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (cacheable(response)) await cache.put(request, response.clone());
  return response;
}

// Un-hashed build output (hash-files off): fresh when online, saved copy when offline.
async function networkFirst(request, cacheName) {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    if (cacheable(response)) await cache.put(request, response.clone());
    return response;
  } catch (err) {
    const cached = await cache.match(request);
    if (cached) return cached;
    throw err;
  }
}

async function staleWhileRevalidate(request, event) {
  const cache = await caches.open(STATIC_CACHE);
  const cached = await cache.match(request);
  const refresh = fetch(request)
    .then((response) => {
      if (cacheable(response)) return cache.put(request, response.clone()).then(() => response);
      return response;
    })
    .catch(() => undefined);
  event.waitUntil(refresh);
  if (cached) return cached;
  const response = await refresh;
  return response || Response.error();
}
