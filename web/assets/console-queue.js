// The live queue: listens to /console/queue/events (Server-Sent Events) and, on each change,
// fetches the server-rendered list again and swaps it in, keeping keyboard focus where it was.
// Without script (or if the stream fails) the page still works by reloading.
(function () {
  'use strict';
  var list = document.getElementById('queue-list');
  if (!list || !window.EventSource || !window.fetch) return;
  var count = document.getElementById('queue-count');
  var size = document.getElementById('queue-size');
  var live = document.getElementById('queue-live');
  var busy = false;
  var rendered = Date.now();
  var again = false;

  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    fetch(list.getAttribute('data-source'), { credentials: 'same-origin', headers: { Accept: 'text/html' } })
      .then(function (res) {
        if (res.status === 401) { window.location.assign('/console/sign-in?notice=signed-in-again'); return null; }
        return res.ok ? res.text().then(function (html) { return { html: html, n: res.headers.get('X-Queue-Count') }; }) : null;
      })
      .then(function (got) {
        if (!got) return;
        var focused = document.activeElement && list.contains(document.activeElement) ? document.activeElement.id : '';
        list.innerHTML = got.html;
        rendered = Date.now();
        if (focused) {
          var el = document.getElementById(focused);
          (el || document.getElementById('waiting-heading')).focus();
        }
        var n = Number(got.n || 0);
        if (size) size.textContent = String(n);
        if (count) count.textContent = n === 1 ? '1 customer waiting' : n + ' customers waiting';
      })
      .catch(function () { /* the next event or a reload tries again */ })
      .then(function () {
        busy = false;
        if (again) { again = false; refresh(); }
      });
  }

  var source = new EventSource(list.getAttribute('data-events'));
  source.addEventListener('open', function () { if (live) live.hidden = false; });
  source.addEventListener('error', function () { if (live) live.hidden = source.readyState !== EventSource.OPEN; });
  ['queue', 'escalation.queued', 'escalation.assigned', 'escalation.resolved', 'escalation.abandoned'].forEach(function (type) {
    source.addEventListener(type, refresh);
  });
  // Waiting times age: count them on from when the list was rendered (no request, no clock skew).
  function words(sec) {
    if (sec < 60) return sec + ' s';
    var min = Math.floor(sec / 60);
    return min < 60 ? min + ' min' : Math.floor(min / 60) + ' h ' + (min % 60) + ' min';
  }
  window.setInterval(function () {
    var spans = list.querySelectorAll('.waiting[data-waiting-sec]');
    var elapsed = Math.round((Date.now() - rendered) / 1000);
    for (var k = 0; k < spans.length; k++) spans[k].textContent = words(Number(spans[k].getAttribute('data-waiting-sec')) + elapsed);
  }, 15000);
})();
