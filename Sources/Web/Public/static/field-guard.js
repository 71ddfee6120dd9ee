// On every page of a field worker: the 离线工作 link shows how many records wait on the phone,
// and signing out on a shared phone — which clears what it keeps (Clear-Site-Data) — first
// offers to send records still unsent; only an explicit second yes lets them go. The words
// are on #field-guard (data-*), in the page's language.
import { queue, unsent } from './field-store.js';
import { sync } from './field-queue.js';

const form = document.querySelector('form.logout'), words = document.getElementById('field-guard'), badge = document.getElementById('field-badge');
if (badge) queue.all().then(items => { const n = items.filter(unsent).length; badge.textContent = n ? String(n) : ''; }).catch(() => {});
if (form && words) {
  let confirmed = false;
  form.addEventListener('submit', async event => {
    if (confirmed) return;
    event.preventDefault();
    const waiting = async () => (await queue.all().catch(() => [])).filter(unsent).length;
    let n = await waiting();
    if (n && window.confirm(words.dataset.leaveWarning.replace('%@', n))) {
      await sync(() => {}, () => {});
      n = await waiting();
    }
    if (!n || window.confirm(words.dataset.leaveConfirm.replace('%@', n))) {
      confirmed = true;
      form.submit();
    }
  });
}
