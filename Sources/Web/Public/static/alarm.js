// 和谐警铃, live: the open alarms the reader receives follow /alarms/events (server-sent
// events). Every message is the whole list, so a page opened or reconnected late shows every
// open alarm. A new alarm vibrates the phone and beeps where the browser allows; each card's
// timer counts from the press.
(function () {
  var box = document.getElementById('alarm-live');
  if (!box || !window.EventSource) return;
  var offset = 0, known = null;

  function clock(ms) {
    var s = Math.max(0, Math.floor(ms / 1000)), m = Math.floor(s / 60), r = s % 60;
    return m + ':' + (r < 10 ? '0' : '') + r;
  }
  function tick() {
    var now = Date.now() + offset, timers = box.querySelectorAll('.alarm-timer');
    for (var i = 0; i < timers.length; i++) timers[i].textContent = clock(now - Number(timers[i].dataset.since));
  }
  function text(tag, cls, value) {
    var el = document.createElement(tag);
    if (cls) el.className = cls;
    el.textContent = value;
    return el;
  }
  function card(a) {
    var li = document.createElement('li'), link = document.createElement('a'), timer = text('span', 'alarm-timer', '');
    li.className = 'alarm-card' + (a.late ? ' late' : '');
    li.dataset.alarmId = a.id;
    link.href = a.href;
    timer.dataset.since = a.since;
    link.appendChild(text('strong', '', a.title));
    link.appendChild(document.createTextNode(' '));
    link.appendChild(timer);
    link.appendChild(document.createElement('br'));
    link.appendChild(document.createTextNode(a.place));
    link.appendChild(document.createElement('br'));
    link.appendChild(text('span', 'alarm-state', a.state));
    li.appendChild(link);
    return li;
  }
  function ring() {
    try { if (navigator.vibrate) navigator.vibrate([400, 150, 400]); } catch (e) {}
    try {
      var Ctx = window.AudioContext || window.webkitAudioContext, ctx = new Ctx(), osc = ctx.createOscillator();
      osc.frequency.value = 880;
      osc.connect(ctx.destination);
      osc.start();
      osc.stop(ctx.currentTime + 0.6);
    } catch (e) {}
  }

  var source = new EventSource('/alarms/events');
  source.onmessage = function (e) {
    var d = JSON.parse(e.data), ids = {}, fresh = false;
    offset = d.now - Date.now();
    d.alarms.forEach(function (a) { ids[a.id] = true; if (known && !known[a.id]) fresh = true; });
    known = ids;
    while (box.firstChild) box.removeChild(box.firstChild);
    d.alarms.forEach(function (a) { box.appendChild(card(a)); });
    if (!d.alarms.length && box.dataset.empty) box.appendChild(text('li', 'muted', box.dataset.empty));
    box.hidden = !d.alarms.length && !box.dataset.empty;
    tick();
    if (fresh) ring();
  };
  setInterval(tick, 250);
  tick();
})();
