// The segment editor: counts the conditions as they are edited (asking the page's count address,
// which reads the same fields as the form), shows the attribute field only where a condition has
// one, and keeps one blank row in view with the others behind "Add". Without scripts, the page's
// Count and More conditions buttons do the same through the server.
(function () {
  'use strict';
  var form = document.getElementById('segment-form');
  var shown = document.getElementById('live-count');
  if (!form || !shown || !document.getElementById('rows')) {
    return;
  }
  var timer = null;
  var asked = 0;

  function query() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (key !== 'csrf' && key !== 'name' && key !== 'action') {
        params.append(key, value);
      }
    });
    return params.toString();
  }

  function count() {
    var mine = ++asked;
    shown.setAttribute('aria-busy', 'true');
    fetch(form.getAttribute('data-count') + '?' + query(), {
      credentials: 'same-origin', headers: { 'Accept': 'application/json' }
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (answer) {
      if (mine !== asked) {
        return; // an older answer arriving late
      }
      shown.removeAttribute('aria-busy');
      if (answer.ok && answer.body.error === undefined) {
        shown.textContent = shown.getAttribute('data-words')
          .replace('%matching', answer.body.matching).replace('%mailable', answer.body.mailable);
        shown.classList.remove('error');
      } else {
        shown.textContent = answer.body.error || '';
        shown.classList.add('error');
      }
    }).catch(function () {
      shown.removeAttribute('aria-busy');
    });
  }

  function later() {
    clearTimeout(timer);
    shown.textContent = shown.getAttribute('data-counting');
    timer = setTimeout(count, 300);
  }

  // the attribute's key only where the condition is about an attribute
  function keys() {
    form.querySelectorAll('li.condition').forEach(function (row) {
      var condition = row.querySelector('select[name=condition]').value;
      var key = row.querySelector('input[name=key]');
      var attribute = condition.indexOf('attribute:') === 0;
      key.hidden = !attribute;
      form.querySelector('label[for="' + key.id + '"]').hidden = !attribute;
    });
  }

  // one blank row in view; "Add a condition" shows the next
  var rows = Array.prototype.slice.call(form.querySelectorAll('li.condition'));
  var blank = rows.filter(function (row) { return !row.querySelector('select[name=condition]').value; });
  blank.slice(1).forEach(function (row) { row.hidden = true; });
  var more = document.getElementById('more');
  if (more && blank.length > 1) {
    var add = document.createElement('button');
    add.type = 'button';
    add.id = 'add-condition';
    add.textContent = more.textContent;
    add.addEventListener('click', function () {
      var next = rows.filter(function (row) { return row.hidden; })[0];
      if (next) {
        next.hidden = false;
        next.querySelector('select').focus();
      }
      if (!rows.some(function (row) { return row.hidden; })) {
        add.hidden = true;
        more.hidden = false;
      }
    });
    more.hidden = true;
    more.parentNode.insertBefore(add, more);
  }

  form.addEventListener('input', function (event) {
    if (event.target.name !== 'name') {
      later();
    }
  });
  form.addEventListener('change', function (event) {
    keys();
    if (event.target.name !== 'name') {
      later();
    }
  });
  keys();
  if (!shown.textContent.trim()) {
    count();
  }
})();
