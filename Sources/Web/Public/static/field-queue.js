// The queue's sending: one item at a time, oldest first, only as the officer who recorded it.
// An item is "sent" only once the server has answered 2xx with its id; the same item sent
// twice is stored once (the server keys every item by its kind and client id).
import { queue, waitsForStart } from './field-store.js';

let running = null;

/// Sends what waits. `report(kind)` hears why it stopped early: 'offline', 'signedOut', 'otherUser'.
export function sync(report, changed) {
  if (!running) running = send(report, changed).finally(() => { running = null; });
  return running;
}

/// Where each kind of item goes. Items from before kinds existed are visits.
const PATHS = { visit: '/field/visits', patrolStart: '/field/patrols', patrolEnd: '/field/patrol-ends', consultation: '/field/consultations' };

async function send(report, changed) {
  const all = await queue.all(), byID = new Map(all.map(i => [i.clientID, i]));
  const items = all.filter(i => i.state === 'pending' || i.state === 'sending').sort((a, b) => a.savedAt - b.savedAt);
  if (!items.length) return;
  let me;
  try {
    const response = await fetch('/field/session', { credentials: 'same-origin', cache: 'no-store' });
    if (!response.ok || response.redirected) return report('signedOut');
    me = await response.json();
  } catch (e) {
    return report('offline');
  }
  for (const item of items) {
    if (item.user !== me.userID) { report('otherUser'); continue; }
    // A patrol's end goes after its start (the same objects: a start sent above counts).
    if (waitsForStart(item, byID)) continue;
    item.state = 'sending';
    await queue.put(item);
    changed();
    let response;
    try {
      response = await fetch(PATHS[item.kind || 'visit'], {
        method: 'POST', credentials: 'same-origin', cache: 'no-store',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf },
        body: JSON.stringify(item.body),
      });
    } catch (e) {
      // No signal, or the answer was lost: the item waits and goes again (stored once).
      item.state = 'pending';
      await queue.put(item);
      changed();
      return report('offline');
    }
    if (response.ok) {
      const stored = await response.json();
      Object.assign(item, { state: 'sent', serverID: stored.id, path: stored.path, sentAt: Date.now(), reason: '' });
    } else if (response.status === 401 || response.status === 403 || response.status >= 500 || response.status === 429) {
      // Signed out, or the server in trouble: nothing wrong with the item; it waits.
      item.state = 'pending';
      await queue.put(item);
      changed();
      return report(response.status >= 500 || response.status === 429 ? 'offline' : 'signedOut');
    } else {
      const problem = await response.json().catch(() => null);
      const reasons = problem && problem.errors ? problem.errors.map(e => e.reason) : [];
      Object.assign(item, { state: 'refused', reason: reasons.length ? reasons.join('；') : (problem && problem.title) || String(response.status) });
    }
    await queue.put(item);
    changed();
  }
}
