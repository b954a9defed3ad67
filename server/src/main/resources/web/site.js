// OpenSMM website: small progressive touches; every page works without them.
// 1. Choosing a category or a service updates the new-order form in place: the same GET the Choose button sends,
// and the <main> of its reply put in place of this one (no reload of the page's styles and script). 2. The charge is
// asked of the server (POST /order/quote, the code that charges) as the customer types, and shown in place.
(function () {
  'use strict';
  function swap(form, select) {
    var url = form.getAttribute('action') + '?' + new URLSearchParams(new FormData(form)).toString();
    fetch(url, { credentials: 'same-origin' })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html').querySelector('main');
        var main = document.querySelector('main');
        main.innerHTML = fresh.innerHTML;
        history.replaceState(null, '', url);
        init(main);
        var again = document.getElementById(select.id);
        if (again) again.focus();
      })
      .catch(function () { form.submit(); }); // the page without the script's help
  }
  function quotes(form) {
    var output = form.querySelector('output');
    var timer = null, asked = 0;
    function ask() {
      var mine = ++asked;
      var body = new URLSearchParams(new FormData(form));
      fetch(form.getAttribute('data-quote'), { method: 'POST', body: body, credentials: 'same-origin',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) { if (html !== null && mine === asked) output.innerHTML = html; })
        .catch(function () { /* the Show charge button still works */ });
    }
    form.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(ask, 250); });
    form.addEventListener('change', function () { clearTimeout(timer); timer = setTimeout(ask, 50); });
  }
  function init(root) {
    root.querySelectorAll('select[data-autosubmit]').forEach(function (select) {
      var button = select.form.querySelector('[data-nojs]');
      if (button) button.hidden = true;
      select.addEventListener('change', function () {
        if (select.form.hasAttribute('data-swap') && window.fetch && window.DOMParser) swap(select.form, select);
        else select.form.submit();
      });
    });
    root.querySelectorAll('form[data-quote]').forEach(quotes);
  }
  init(document);
})();
