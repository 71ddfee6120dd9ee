// 离线工作: the officer's offline copy (their grids' households, members' names and work tags,
// their open tasks) shown whether or not there is a signal; visits recorded here go into the
// queue on the phone first and are sent when there is a signal. The words come from the page
// (data-* on #field), in its language.
import { copy, queue, unsent, waitsForStart } from './field-store.js';
import { sync } from './field-queue.js';
import { $, el, choices, fieldset, labelled, localMinute, apiTime, formEnd, startForm } from './field-dom.js';
import { drawWork, runningPatrol, openPatrolStart, openPatrolEnd, openConsultation } from './field-work.js';

/// The field app's version: bumping it makes phones install the new shell (see sw.js).
const APP_VERSION = '2';
const root = document.getElementById('field');
const text = root ? root.dataset : {}, user = Number(text.user);

function age(savedAt) {
  const minutes = Math.floor((Date.now() - savedAt) / 60000);
  if (minutes < 1) return text.ageNow;
  if (minutes < 60) return text.ageMinutes.replace('%@', minutes);
  if (minutes < 48 * 60) return text.ageHours.replace('%@', Math.floor(minutes / 60));
  return text.ageDays.replace('%@', Math.floor(minutes / 1440));
}

// ——— the offline copy ———

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
    const record = el('button', 'link record-visit', text.record);
    record.type = 'button';
    record.addEventListener('click', () => openForm(h));
    item.append(people, record);
    list.append(item);
  }
  $('field-count').textContent = text.households.replace('%@', count);
  $('field-tasks').textContent = text.tasks.replace('%@', entry.copy.tasks.length);
  drawWork(work, queued);
}

async function refresh() {
  $('copy-state').textContent = text.loading;
  try {
    const response = await fetch('/offline/copy', { credentials: 'same-origin', cache: 'no-store' });
    if (!response.ok || response.redirected) throw new Error(String(response.status));
    const body = await response.json();
    if (body.copy.userID !== user) throw new Error('user');
    const entry = { user, savedAt: Date.now(), copy: body.copy, vocabulary: body.vocabulary };
    await copy.save(entry);
    render(entry);
    $('copy-state').textContent = '';
  } catch (e) {
    // fetch itself failing is no signal (or no server: from the phone they look alike).
    $('copy-state').textContent = e instanceof TypeError ? text.offline : text.failed;
  }
}

// ——— recording a visit ———

/// Now by the server's clock, from when the copy was made: a phone whose clock is wrong still
/// dates a visit right.
function serverNow() {
  return new Date(new Date(shown.copy.madeAt).getTime() + (Date.now() - shown.savedAt));
}

/// The visit form for a household, or an item of the queue to correct (same client id).
function openForm(household, item) {
  const form = $('record-form'), v = shown.vocabulary, body = item ? item.body : null;
  startForm(form, household.address);
  const findings = el('div', 'findings');
  for (let i = 0; i < 3; i++) {
    const row = el('div', 'finding'), kind = el('select'), what = el('input');
    kind.name = 'findingKind';
    for (const k of v.findingKinds) kind.append(Object.assign(el('option', '', k.label), { value: k.code }));
    what.name = 'findingText';
    what.maxLength = 2000;
    const f = body && body.findings[i];
    if (f) { kind.value = f.kind; what.value = f.description; }
    row.append(kind, what);
    findings.append(row);
  }
  const end = formEnd(form, text);
  form.append(labelled(text.when, 'input', { type: 'datetime-local', name: 'visitedAt', required: true, value: localMinute(body ? new Date(body.visitedAt) : serverNow()) }),
              fieldset(text.method, choices('method', 'radio', v.methods, body ? [body.method] : [])),
              fieldset(text.categories, choices('categories', 'checkbox', v.categories, body ? body.categories : [])),
              fieldset(text.met, choices('residentIDs', 'checkbox', household.members.map(m => ({ code: String(m.id), label: m.name })),
                                         body ? body.residentIDs.map(String) : [])),
              labelled(text.notes, 'textarea', { name: 'notes', rows: 3, maxLength: 2000, value: body ? body.notes || '' : '' }),
              fieldset(text.findings, findings), ...end.nodes);
  form.onsubmit = async event => {
    event.preventDefault();
    const data = new FormData(form);
    const method = data.get('method'), categories = data.getAll('categories');
    if (!method || !categories.length || !data.get('visitedAt')) {
      end.problem.textContent = text.needMethod;
      end.problem.hidden = false;
      return;
    }
    const kinds = data.getAll('findingKind'), texts = data.getAll('findingText');
    // Made here, once: the server stores a visit sent twice under it once.
    const clientID = item ? item.clientID : crypto.randomUUID(), visitedAt = apiTime(data.get('visitedAt'));
    await keep({
      clientID, user, kind: 'visit', formVersion: 1, title: household.address, at: visitedAt,
      savedAt: item ? item.savedAt : Date.now(), address: household.address, householdID: household.id, members: household.members,
      state: 'pending', reason: '',
      body: {
        clientID, householdID: household.id, visitedAt, method, categories, residentIDs: data.getAll('residentIDs').map(Number), notes: data.get('notes') || '',
        findings: kinds.map((k, i) => ({ kind: k, description: texts[i].trim() })).filter(f => f.description),
      },
    });
  };
}

/// Every form saves the same way: on the phone first; only then does the form say so.
async function keep(record) {
  await queue.put(record);
  $('record-form').hidden = true;
  $('queue-note').textContent = text.saved;
  await drawQueue();
  if (navigator.onLine) send();
}

/// What the patrol and consultation forms need from the page.
const work = { text, user, shown: () => shown, serverNow, keep };

// ——— the queue ———

const stateWords = { pending: 'statePending', sending: 'stateSending', sent: 'stateSent', refused: 'stateRefused' };

/// The queue as last drawn: the patrol buttons are drawn from it without reading IndexedDB again.
let queued = [];

async function drawQueue() {
  const items = (await queue.all()).sort((a, b) => a.savedAt - b.savedAt), byID = new Map(items.map(i => [i.clientID, i]));
  queued = items;
  const mine = items.filter(i => i.user === user), others = items.filter(i => i.user !== user && unsent(i)).length;
  const waiting = mine.filter(unsent).length;
  $('queue-badge').textContent = waiting ? text.pending.replace('%@', waiting) : '';
  $('queue-badge').dataset.count = String(waiting);
  $('queue-others').textContent = others ? text.otherUser.replace('%@', others) : '';
  if ($('field-badge')) $('field-badge').textContent = waiting + others ? String(waiting + others) : '';
  const list = $('queue-items');
  list.replaceChildren();
  for (const item of mine.slice().reverse()) {
    const li = el('li', 'queue-item ' + item.state);
    li.dataset.client = item.clientID;
    // Items saved before patrols and consultations joined the queue are visits with no title.
    li.append(el('strong', '', item.title || item.address), ' ', el('small', 'muted', new Date(item.at || item.body.visitedAt).toLocaleString(document.documentElement.lang, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' })), el('br'));
    li.append(el('span', 'state', text[stateWords[item.state]]));
    if (item.state === 'pending' && waitsForStart(item, byID)) li.append(el('span', 'muted', '（' + text.waitStart + '）'));
    if (item.state === 'sent') {
      const link = el('a', '', text.openRecord.replace('%@', item.serverID));
      link.href = item.path;
      li.append(' ', link);
    }
    if (item.state === 'refused') {
      li.append(el('span', 'reason', '：' + item.reason), el('br'));
      const fix = {
        visit: () => openForm({ id: item.householdID, address: item.address, members: item.members || [] }, item),
        patrolStart: () => shown && openPatrolStart(work, item),
        patrolEnd: () => openPatrolEnd(work, { clientID: item.after, gridNames: item.gridNames }, item),
        consultation: () => shown && openConsultation(work, item),
      }[item.kind || 'visit'];
      const actions = [['fix', fix],
                       ['resend', async () => { item.state = 'pending'; await queue.put(item); await drawQueue(); send(); }],
                       ['discard', async () => { if (window.confirm(text.discardConfirm)) { await queue.remove(item.clientID); await drawQueue(); } }]];
      for (const [word, act] of actions) {
        const button = el('button', 'link ' + word, text[word]);
        button.type = 'button';
        button.addEventListener('click', act);
        li.append(button, ' ');
      }
    }
    list.append(li);
  }
  drawWork(work, items);
}

const reasons = { offline: 'queueOffline', signedOut: 'signedOut', otherUser: 'otherUserSkipped' };
async function send() {
  let why = '';
  await sync(w => { why = text[reasons[w]] || ''; }, drawQueue);
  $('queue-why').textContent = why;
  await drawQueue();
}

// ——— start ———

async function start() {
  const saved = await copy.read().catch(() => undefined);
  // A copy left by someone else on a shared phone is never shown; it goes.
  if (saved && saved.user !== user) await copy.drop();
  else if (saved) render(saved);
  // An item caught on its way when the page closed goes again (stored once). Items sent a week
  // ago leave the list (the server has them), except the start of a patrol still running.
  const items = await queue.all(), running = runningPatrol(items, user), weekAgo = Date.now() - 7 * 86400000;
  for (const item of items) {
    if (item.state === 'sending') { item.state = 'pending'; await queue.put(item); }
    else if (item.state === 'sent' && item.sentAt < weekAgo && item !== running) await queue.remove(item.clientID);
  }
  await drawQueue();
  if (navigator.onLine) { await refresh(); await send(); }
  else $('copy-state').textContent = saved && saved.user === user ? text.offline : text.noCopy;

  if (navigator.storage && navigator.storage.persist) {
    const granted = (await navigator.storage.persisted()) || (await navigator.storage.persist());
    $('storage-state').textContent = granted ? text.persisted : text.notPersisted;
  }
}

if (root) {
  $('field-filter').addEventListener('input', () => shown && render(shown));
  $('copy-refresh').addEventListener('click', refresh);
  $('queue-send').addEventListener('click', send);
  window.addEventListener('online', async () => { await refresh(); await send(); });
  setInterval(() => shown && ($('copy-age').textContent = text.updated.replace('%@', age(shown.savedAt))), 60000);
  if ('serviceWorker' in navigator) navigator.serviceWorker.register('/static/sw.js?v=' + APP_VERSION, { scope: '/' }).catch(() => {});
  start();
}
