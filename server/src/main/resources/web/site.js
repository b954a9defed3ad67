// OpenSMM website: small progressive touches; every page works without them.
// 1. Choosing a service reloads the form with that service's fields. 2. The charge is asked of the server
// (POST /order/quote, the code that charges) as the customer types, and shown in place.
(function () {
  'use strict';
  document.querySelectorAll('select[data-autosubmit]').forEach(function (select) {
    var button = select.form.querySelector('[data-nojs]');
    if (button) button.hidden = true;
    select.addEventListener('change', function () { select.form.submit(); });
  });
  var form = document.querySelector('form[data-quote]');
  if (!form) return;
  var output = document.getElementById('quote');
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
})();
