// 离线工作: the officer's offline copy (their grids' households, members' names and work tags,
// their open tasks) kept in IndexedDB and shown whether or not there is a signal. The words
// come from the page (data-* on #field), in its language.
(() => {
  const root = document.getElementById('field');
  if (!root) return;
  const text = root.dataset, user = Number(root.dataset.user);
  const $ = id => document.getElementById(id);

  function openDB() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open('jingmin-field', 1);
      request.onupgradeneeded = () => {
        const db = request.result;
        if (!db.objectStoreNames.contains('copy')) db.createObjectStore('copy');
        if (!db.objectStoreNames.contains('queue')) db.createObjectStore('queue', { keyPath: 'clientID' });
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }
  async function store(mode, work) {
    const db = await openDB();
    return new Promise((resolve, reject) => {
      const tx = db.transaction('copy', mode), request = work(tx.objectStore('copy'));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error);
    });
  }
  const readCopy = () => store('readonly', s => s.get('copy'));
  const saveCopy = entry => store('readwrite', s => s.put(entry, 'copy'));
  const dropCopy = () => store('readwrite', s => s.delete('copy'));

  function age(savedAt) {
    const minutes = Math.floor((Date.now() - savedAt) / 60000);
    if (minutes < 1) return text.ageNow;
    if (minutes < 60) return text.ageMinutes.replace('%@', minutes);
    if (minutes < 48 * 60) return text.ageHours.replace('%@', Math.floor(minutes / 60));
    return text.ageDays.replace('%@', Math.floor(minutes / 1440));
  }

  function el(tag, className, content) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined) node.textContent = content;
    return node;
  }

  let shown = null;
  function render(entry) {
    shown = entry;
    $('copy-age').textContent = text.updated.replace('%@', age(entry.savedAt));
    const tags = Object.fromEntries(entry.vocabulary.tags.map(t => [t.code, t.label]));
    const grids = Object.fromEntries(entry.copy.grids.map(g => [g.id, g.name]));
    const filter = $('field-filter').value.trim();
    const list = $('field-households');
    list.replaceChildren();
    let count = 0;
    for (const h of entry.copy.households) {
      const names = h.members.map(m => m.name).join('、');
      if (filter && !h.address.includes(filter) && !names.includes(filter)) continue;
      if (++count > 200) continue;   // the filter narrows a big grid; the count says how many
      const item = el('li');
      item.append(el('strong', '', h.address));
      if (entry.copy.grids.length > 1) item.append(el('small', 'muted', ' ' + (grids[h.gridID] || '')));
      const people = el('div', 'members');
      for (const m of h.members) {
        const person = el('span', 'member', m.name);
        for (const t of m.tags) person.append(' ', el('span', 'tag', tags[t] || t));
        people.append(person);
      }
      item.append(people);
      list.append(item);
    }
    $('field-count').textContent = text.households.replace('%@', count);
    $('field-tasks').textContent = text.tasks.replace('%@', entry.copy.tasks.length);
  }

  async function refresh() {
    $('copy-state').textContent = text.loading;
    try {
      const response = await fetch('/offline/copy', { credentials: 'same-origin', cache: 'no-store' });
      if (!response.ok || response.redirected) throw new Error(String(response.status));
      const body = await response.json();
      if (body.copy.userID !== user) throw new Error('user');
      const entry = { user, savedAt: Date.now(), copy: body.copy, vocabulary: body.vocabulary };
      await saveCopy(entry);
      render(entry);
      $('copy-state').textContent = '';
    } catch (e) {
      // fetch itself failing is no signal (or no server: from the phone they look alike).
      $('copy-state').textContent = e instanceof TypeError ? text.offline : text.failed;
    }
  }

  async function start() {
    const saved = await readCopy().catch(() => undefined);
    // A copy left by someone else on a shared phone is never shown; it goes.
    if (saved && saved.user !== user) await dropCopy();
    else if (saved) render(saved);
    if (navigator.onLine) await refresh();
    else $('copy-state').textContent = saved && saved.user === user ? text.offline : text.noCopy;

    if (navigator.storage && navigator.storage.persist) {
      const granted = (await navigator.storage.persisted()) || (await navigator.storage.persist());
      $('storage-state').textContent = granted ? text.persisted : text.notPersisted;
    }
  }

  $('field-filter').addEventListener('input', () => shown && render(shown));
  $('copy-refresh').addEventListener('click', refresh);
  window.addEventListener('online', refresh);
  setInterval(() => shown && ($('copy-age').textContent = text.updated.replace('%@', age(shown.savedAt))), 60000);
  if ('serviceWorker' in navigator) navigator.serviceWorker.register('/static/sw.js', { scope: '/' }).catch(() => {});
  start();
})();
