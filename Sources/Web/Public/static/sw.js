// Jingmin's field pages with no signal. The app shell (the field page, its script, the CSS, the
// manifest and icons) is kept in a cache named by version. A new version fills its own cache
// before it takes over and only then drops the old one, so the pages never go missing offline;
// it never touches IndexedDB, where the offline copy (and the queue) live.
// The version is the script's own ?v= (field.js registers it): a new release bumps it there.
const VERSION = 'jingmin-field-' + (new URL(self.location).searchParams.get('v') || '0');
const SHELL = ['/field', '/static/app.css', '/static/field.js', '/static/field-store.js', '/static/field-queue.js', '/static/field-guard.js',
               '/static/field-dom.js', '/static/field-work.js',
               '/static/manifest.json', '/static/icon-192.png', '/static/icon-512.png'];
// Served from /static/ with Service-Worker-Allowed: / (see StaticFilesMiddleware).

self.addEventListener('install', event => {
  // A shell file that cannot be fetched fails the install: the old version stays in charge.
  event.waitUntil(caches.open(VERSION).then(cache => Promise.all(SHELL.map(path =>
    fetch(path, { credentials: 'same-origin', cache: 'no-store' }).then(response => {
      if (!response.ok || response.redirected) throw new Error(path + ' ' + response.status);
      return cache.put(path, response);
    })))).then(() => self.skipWaiting()));
});

self.addEventListener('activate', event => {
  event.waitUntil(caches.keys()
    .then(keys => Promise.all(keys.filter(key => key.startsWith('jingmin-field-') && key !== VERSION).map(key => caches.delete(key))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', event => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || !SHELL.includes(url.pathname)) return;
  // Network first, so a signed-in officer online always gets the current page; the cache when
  // there is no signal. A redirect (to the sign-in page) is passed on, never kept.
  event.respondWith(fetch(event.request).then(response => {
    if (response.ok && !response.redirected) {
      const copy = response.clone();
      event.waitUntil(caches.open(VERSION).then(cache => cache.put(url.pathname, copy)));
    }
    return response;
  }).catch(() => caches.open(VERSION).then(cache => cache.match(url.pathname)).then(hit => hit || Response.error())));
});
