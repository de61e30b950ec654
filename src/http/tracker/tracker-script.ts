// The first-party tracker served at GET /t.js. Kept dependency-free and small (it runs on
// customers' websites): page views with UTM and referrer, form submissions with identify by email,
// an anonymous-id cookie, and Do-Not-Track / Global Privacy Control when the site asks for it.
//
//   <script async src="https://revloop.example.com/t.js" data-write-key="wk_..." data-respect-dnt></script>
//   window.revloop.track('CTA Clicked', { cta_id: 'hero' })  ·  window.revloop.identify({ email })
export const trackerScript = String.raw`(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || window.revloop) return;
  var key = script.getAttribute('data-write-key');
  var host = new URL(script.src).origin;
  var dnt = navigator.doNotTrack === '1' || window.doNotTrack === '1' || navigator.globalPrivacyControl === true;
  if (!key || (script.hasAttribute('data-respect-dnt') && dnt)) { window.revloop = { track: noop, identify: noop, page: noop, disabled: true }; return; }
  function noop() {}
  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, function (c) { var r = Math.random() * 16 | 0; return (c === 'x' ? r : (r & 3 | 8)).toString(16); });
  }
  function cookie(name) { var m = document.cookie.match(new RegExp('(?:^|; )' + name + '=([^;]*)')); return m ? decodeURIComponent(m[1]) : null; }
  var anonymousId = cookie('rl_anon');
  if (!anonymousId) anonymousId = uuid();
  // Refreshed on every page: a visitor who keeps coming back keeps one id for a year after the last visit.
  document.cookie = 'rl_anon=' + encodeURIComponent(anonymousId) + '; Max-Age=31536000; Path=/; SameSite=Lax' + (location.protocol === 'https:' ? '; Secure' : '');
  var params = new URLSearchParams(location.search);
  var campaign = {};
  ['source', 'medium', 'campaign', 'term', 'content'].forEach(function (k) { var v = params.get('utm_' + k); if (v) campaign[k === 'campaign' ? 'name' : k] = v; });
  ['gclid', 'gbraid', 'wbraid', 'dclid', 'fbclid', 'msclkid', 'ttclid', 'li_fat_id', 'twclid'].forEach(function (k) { var v = params.get(k); if (v) campaign[k] = v; });
  function pageInfo() {
    return { url: location.href, path: location.pathname, search: location.search, referrer: document.referrer, title: document.title };
  }
  function send(type, body) {
    var now = new Date().toISOString();
    body.messageId = 'rl-' + uuid();
    body.anonymousId = anonymousId;
    body.timestamp = body.timestamp || now;
    body.sentAt = now;
    body.context = Object.assign({
      page: pageInfo(), campaign: campaign, referrer: document.referrer ? { url: document.referrer } : undefined,
      userAgent: navigator.userAgent, locale: navigator.language, library: { name: 'revloop-t.js', version: '1' }
    }, body.context || {});
    return fetch(host + '/v1/' + type, {
      method: 'POST', keepalive: true, credentials: 'omit',
      headers: { 'content-type': 'application/json', authorization: 'Basic ' + btoa(key + ':') },
      body: JSON.stringify(body)
    }).catch(noop);
  }
  function page(name, properties) { return send('page', { name: name || document.title, properties: Object.assign(pageInfo(), properties || {}) }); }
  function track(event, properties) { return send('track', { event: event, properties: properties || {} }); }
  function identify(traits) { return send('identify', { traits: traits || {} }); }
  var SKIP = /pass|card|cvv|cvc|iban|ssn|secret|token/i;
  document.addEventListener('submit', function (e) {
    var form = e.target;
    if (!form || form.hasAttribute('data-revloop-ignore')) return;
    var fields = {}, email = null;
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.type === 'password' || el.type === 'hidden' || el.type === 'file' || SKIP.test(el.name)) return;
      if ((el.type === 'checkbox' || el.type === 'radio') && !el.checked) return;
      fields[el.name] = el.value;
      if (!email && (el.type === 'email' || /e-?mail/i.test(el.name)) && /@/.test(el.value)) email = el.value.trim();
    });
    var formId = form.getAttribute('data-form-id') || form.id || form.getAttribute('name') || form.getAttribute('action') || location.pathname;
    var props = Object.assign({}, fields, { form_id: formId, form_name: form.getAttribute('data-form-name') || formId });
    if (email) { props.email = email; identify(Object.assign({}, fields, { email: email })); }
    track('Form Submitted', props);
  }, true);
  window.revloop = { track: track, identify: identify, page: page, anonymousId: function () { return anonymousId; } };
  page();
})();
`;
