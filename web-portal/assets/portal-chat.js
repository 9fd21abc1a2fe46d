/* Chat with us: fetch a chat token bound to this portal session, then load Web Chat (only on this page) and render it. */
(function () {
  'use strict';
  var box = document.getElementById('webchat');
  if (!box) return;
  var status = box.querySelector('.chat-status');
  var fail = function () { status.textContent = box.getAttribute('data-failed'); };

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = src;
      s.onload = resolve;
      s.onerror = function () { reject(new Error('could not load ' + src)); };
      document.head.appendChild(s);
    });
  }

  var token = fetch(box.getAttribute('data-token-url'), { method: 'POST', credentials: 'same-origin', headers: { 'x-csrf-token': box.getAttribute('data-csrf') } })
    .then(function (r) { if (!r.ok) throw new Error('token ' + r.status); return r.json(); });

  Promise.all([token, loadScript(box.getAttribute('data-bundle'))]).then(function (results) {
    var t = results[0];
    var WebChat = window.WebChat;
    var askForPerson = box.getAttribute('data-person') === '1';
    var store = WebChat.createStore({}, function (api) {
      return function (next) {
        return function (action) {
          var result = next(action);
          // "Talk to a person": once connected, ask the assistant for one (the same word a customer would type).
          if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED' && askForPerson) {
            askForPerson = false;
            api.dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text: 'agent' } });
          }
          return result;
        };
      };
    });
    var directLine = WebChat.createDirectLine({ token: t.token, domain: location.origin + '/v3/directline' });
    box.removeChild(status);
    var host = document.createElement('div');
    host.className = 'webchat-host';
    box.appendChild(host);
    WebChat.renderWebChat({ directLine: directLine, store: store, locale: box.getAttribute('data-locale'), nonce: box.getAttribute('data-nonce'), styleOptions: { hideUploadButton: true } }, host);
    // Leaving the page ends the chat: a customer waiting for a person leaves the queue.
    window.addEventListener('pagehide', function () {
      fetch('/v3/directline/conversations/' + encodeURIComponent(t.conversationId) + '/activities', { method: 'POST', keepalive: true, headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + (directLine.token || t.token) }, body: JSON.stringify({ type: 'endOfConversation' }) });
    });
  }).catch(fail);
})();
