// The wallboard: on each change the server streams (/console/wallboard/events), fetch the board
// again and swap it in; also every minute (self-service contacts end without an event) and when
// the stream comes back. Longest waits count on between fetches. No interaction needed.
(function () {
  'use strict';
  var board = document.getElementById('wallboard');
  if (!board || !window.EventSource || !window.fetch) return;
  var live = document.getElementById('wall-live');
  var busy = false;
  var again = false;
  var rendered = Date.now();

  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    fetch(board.getAttribute('data-source'), { credentials: 'same-origin', headers: { Accept: 'text/html' } })
      .then(function (res) {
        if (res.status === 401) { window.location.assign('/console/sign-in?notice=signed-in-again'); return null; }
        return res.ok ? res.text() : null;
      })
      .then(function (html) {
        if (html === null) return;
        board.innerHTML = html;
        rendered = Date.now();
        board.setAttribute('data-refreshed', String(rendered));
      })
      .catch(function () { /* the next event or the minute tick tries again */ })
      .then(function () {
        busy = false;
        if (again) { again = false; refresh(); }
      });
  }

  var source = new EventSource(board.getAttribute('data-events'));
  source.addEventListener('ready', function () { if (live) live.hidden = false; refresh(); });
  source.addEventListener('change', refresh);
  source.addEventListener('error', function () { if (live) live.hidden = source.readyState !== EventSource.OPEN; });
  window.setInterval(refresh, 60000);

  function words(sec) {
    if (sec < 60) return sec + ' s';
    var min = Math.floor(sec / 60);
    return min < 60 ? min + ' min' : Math.floor(min / 60) + ' h ' + (min % 60) + ' min';
  }
  window.setInterval(function () {
    var cells = board.querySelectorAll('[data-wait-sec]');
    var elapsed = Math.round((Date.now() - rendered) / 1000);
    for (var k = 0; k < cells.length; k++) {
      var base = cells[k].getAttribute('data-wait-sec');
      if (base !== '') cells[k].textContent = words(Number(base) + elapsed);
    }
  }, 5000);
})();
