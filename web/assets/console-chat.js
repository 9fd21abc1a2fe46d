// The chat pane of the screen pop: listens to the conversation (Server-Sent Events under
// /console) and appends each new message to the log, and sends the message form by fetch so
// the page does not reload. Without script the forms post and come back to the screen pop.
(function () {
  'use strict';
  var log = document.getElementById('chat-log');
  if (!log || !window.EventSource || !window.fetch || !window.URLSearchParams) return;
  var list = document.getElementById('chat-messages');
  var form = document.getElementById('chat-form');
  var state = document.getElementById('chat-state');
  var status = document.getElementById('chat-sending');
  var WHO = { customer: 'Customer', csr: 'You' };
  // Times in the operator's zone, worded as the server words them ("Tue, Dec 1, 8:00 AM CST").
  var stamp;
  try {
    stamp = new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: log.getAttribute('data-time-zone') || undefined, timeZoneName: 'short' });
  } catch (e) {
    stamp = new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });
  }
  function timeText(iso) {
    var d = new Date(iso);
    return isNaN(d.getTime()) ? String(iso) : stamp.format(d);
  }

  function append(m) {
    var li = document.createElement('li');
    li.className = 'from-' + m.from;
    var who = document.createElement('span');
    who.className = 'who';
    who.textContent = WHO[m.from] || m.from;
    var time = document.createElement('time');
    time.setAttribute('datetime', m.at);
    time.textContent = timeText(m.at);
    var p = document.createElement('p');
    p.textContent = m.text;
    li.appendChild(who);
    li.appendChild(document.createTextNode(' '));
    li.appendChild(time);
    li.appendChild(p);
    list.appendChild(li);
    log.scrollTop = log.scrollHeight;
  }

  var source = new EventSource(log.getAttribute('data-events'));
  source.addEventListener('chat.message', function (e) { append(JSON.parse(e.data)); });
  source.addEventListener('chat.ended', function () {
    source.close();
    if (state) state.textContent = 'The chat is over: wrap it up below.';
    var actions = document.querySelector('.chat-actions');
    if (form) form.hidden = true;
    if (actions) actions.hidden = true;
  });

  if (!form) return;
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var text = form.querySelector('textarea');
    if (!text.value.trim()) { text.focus(); return; }
    if (status) status.textContent = 'Sending…';
    fetch(form.getAttribute('action'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(new FormData(form)).toString()
    }).then(function (res) {
      return res.json().then(function (body) {
        if (status) status.textContent = body.text || (res.ok ? 'Sent.' : 'Not sent.');
        if (res.ok) { text.value = ''; text.focus(); }
      });
    }).catch(function () { form.submit(); });
  });
})();
