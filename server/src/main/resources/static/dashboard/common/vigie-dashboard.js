/*
 * Shared plumbing of Vigie's /dashboard pages (no framework, no CDN).
 *
 * Sign-in: the page asks for a client id and secret (default client: vigie-dashboard, read-only) and gets a bearer
 * token from the built-in authorisation server with the SMART client_credentials grant (client_secret_basic) at the
 * token endpoint named in /fhir/.well-known/smart-configuration. The token is kept in sessionStorage (this tab only)
 * until it expires; the secret is never stored. Every data request goes to the FHIR API with that token.
 *
 * Use: VigieDashboard.start({scope: 'system/MeasureReport.rs', onReady: function () {...}});
 *      VigieDashboard.searchAll('MeasureReport?measure=...') -> Promise of resources (follows paging).
 */
(function () {
  'use strict';
  var KEY = 'vigie-dashboard-token';
  var options = {};

  function el(id) { return document.getElementById(id); }

  function stored() {
    try {
      var t = JSON.parse(sessionStorage.getItem(KEY) || 'null');
      if (t && t.expiresAt > Date.now() + 5000) { return t; }
    } catch (e) { /* ignore a damaged entry */ }
    return null;
  }

  function tokenEndpoint() {
    return fetch('/fhir/.well-known/smart-configuration', {headers: {Accept: 'application/json'}})
      .then(function (r) { return r.ok ? r.json() : {}; })
      .then(function (conf) {
        // Vigie's own authorisation server answers on this origin whatever issuer name it signs with; an external
        // identity provider is called at its own address (it must allow this origin by CORS)
        var url = conf.token_endpoint || '/oauth2/token';
        try {
          var u = new URL(url, window.location.href);
          return u.origin === window.location.origin || /\/oauth2\/token$/.test(u.pathname) ? u.pathname : url;
        } catch (e) { return '/oauth2/token'; }
      })
      .catch(function () { return '/oauth2/token'; });
  }

  function signIn(clientId, secret) {
    return tokenEndpoint().then(function (endpoint) {
      return fetch(endpoint, {
        method: 'POST',
        headers: {
          'Authorization': 'Basic ' + btoa(unescape(encodeURIComponent(clientId + ':' + secret))),
          'Content-Type': 'application/x-www-form-urlencoded'
        },
        body: 'grant_type=client_credentials&scope=' + encodeURIComponent(options.scope)
      });
    }).then(function (r) {
      if (!r.ok) { throw new Error('sign-in refused (HTTP ' + r.status + '): check the client id and secret'); }
      return r.json();
    }).then(function (body) {
      var token = {access: body.access_token, expiresAt: Date.now() + (body.expires_in || 300) * 1000};
      sessionStorage.setItem(KEY, JSON.stringify(token));
      return token;
    });
  }

  function showSignIn(message) {
    el('vigie-signin').hidden = false;
    el('vigie-content').hidden = true;
    el('vigie-signin-error').textContent = message || '';
  }

  function ready() {
    el('vigie-signin').hidden = true;
    el('vigie-content').hidden = false;
    options.onReady();
  }

  function fetchJson(url) {
    var token = stored();
    if (!token) {
      showSignIn('Session expired: sign in again.');
      return Promise.reject(new Error('not signed in'));
    }
    return fetch(url, {headers: {Authorization: 'Bearer ' + token.access, Accept: 'application/fhir+json'}})
      .then(function (r) {
        if (r.status === 401) {
          sessionStorage.removeItem(KEY);
          showSignIn('Session expired: sign in again.');
          throw new Error('unauthorised');
        }
        if (!r.ok) { throw new Error('FHIR API answered HTTP ' + r.status + ' to ' + url); }
        return r.json();
      });
  }

  /** Every resource of a FHIR search, following the Bundle's next links (same origin only). */
  function searchAll(query) {
    var out = [];
    function page(url) {
      return fetchJson(url).then(function (bundle) {
        (bundle.entry || []).forEach(function (e) { if (e.resource) { out.push(e.resource); } });
        var next = (bundle.link || []).filter(function (l) { return l.relation === 'next'; })[0];
        if (next) {
          var u = new URL(next.url, window.location.href);
          return page(u.pathname + u.search);
        }
        return out;
      });
    }
    return page('/fhir/' + query);
  }

  function start(opts) {
    options = opts;
    el('vigie-signin-form').addEventListener('submit', function (event) {
      event.preventDefault();
      el('vigie-signin-error').textContent = '';
      signIn(el('vigie-client-id').value.trim(), el('vigie-client-secret').value)
        .then(function () { el('vigie-client-secret').value = ''; ready(); })
        .catch(function (e) { showSignIn(e.message); });
    });
    el('vigie-signout').addEventListener('click', function () {
      sessionStorage.removeItem(KEY);
      showSignIn('Signed out.');
    });
    if (stored()) { ready(); } else { showSignIn(''); }
  }

  window.VigieDashboard = {start: start, searchAll: searchAll};
})();
