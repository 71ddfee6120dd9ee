// What the officer's phone keeps, in IndexedDB: the offline copy (one entry) and the queue of
// records made with no signal, keyed by their client id. Both pages and the sign-out guard
// open it through here.
const NAME = 'jingmin-field';

export function openDB() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(NAME, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains('copy')) db.createObjectStore('copy');
      if (!db.objectStoreNames.contains('queue')) db.createObjectStore('queue', { keyPath: 'clientID' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run(storeName, mode, work) {
  const db = await openDB();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(storeName, mode), request = work(tx.objectStore(storeName));
      // Resolved once the write is on disk, not merely requested.
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

export const copy = {
  read: () => run('copy', 'readonly', s => s.get('copy')),
  save: entry => run('copy', 'readwrite', s => s.put(entry, 'copy')),
  drop: () => run('copy', 'readwrite', s => s.delete('copy')),
};

export const queue = {
  all: () => run('queue', 'readonly', s => s.getAll()),
  put: item => run('queue', 'readwrite', s => s.put(item)),
  remove: clientID => run('queue', 'readwrite', s => s.delete(clientID)),
};

/// Not yet acknowledged by the server: waiting, on the way, or refused.
export const unsent = item => item.state !== 'sent';

/// A patrol's end waits while its start (`after`) is still on the phone unsent.
export const waitsForStart = (item, byID) => { const first = item.after && byID.get(item.after); return !!first && unsent(first); };
