// Live inbox: the unread count in the menu follows /inbox/events (server-sent events).
(function () {
  var badge = document.getElementById('inbox-badge');
  if (!badge || !window.EventSource) return;
  var shown = -1;
  var source = new EventSource('/inbox/events');
  source.onmessage = function (e) {
    var d = JSON.parse(e.data);
    badge.textContent = d.unread > 0 ? String(d.unread) : '';
    badge.title = d.latest || '';
    // On the inbox page itself a new notice is shown at once.
    if (document.body.dataset.page === 'inbox' && shown >= 0 && d.unread > shown) location.reload();
    shown = d.unread;
  };
})();
