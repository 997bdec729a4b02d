// Keyboard triage for the review pages. No inline script anywhere (strict CSP); this file only
// moves a selection and submits forms the page already shows.
(function () {
  'use strict';
  var typing = function (e) {
    var t = e.target;
    return (
      t &&
      (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)
    );
  };
  var rows = function () {
    return Array.prototype.slice.call(document.querySelectorAll('#queue tbody tr[data-href]'));
  };
  var select = function (list, index) {
    list.forEach(function (r) {
      r.classList.remove('selected');
      r.removeAttribute('aria-selected');
    });
    var row = list[index];
    if (row) {
      row.classList.add('selected');
      row.setAttribute('aria-selected', 'true');
      row.scrollIntoView({ block: 'nearest' });
    }
  };
  var current = function (list) {
    for (var i = 0; i < list.length; i++) if (list[i].classList.contains('selected')) return i;
    return -1;
  };
  var go = function (selector) {
    var a = document.querySelector(selector);
    if (a) window.location.href = a.getAttribute('href');
  };
  var submit = function (key) {
    var form = document.querySelector('form[data-key="' + key + '"]');
    if (form) form.submit();
  };
  document.addEventListener('click', function (e) {
    var row = e.target.closest && e.target.closest('#queue tbody tr[data-href]');
    if (row && !e.target.closest('a')) window.location.href = row.getAttribute('data-href');
  });
  document.addEventListener('keydown', function (e) {
    if (typing(e) || e.ctrlKey || e.metaKey || e.altKey) return;
    var list = rows();
    if (list.length) {
      var i = current(list);
      if (e.key === 'j') {
        select(list, Math.min(i + 1, list.length - 1));
        e.preventDefault();
        return;
      }
      if (e.key === 'k') {
        select(list, Math.max(i - 1, 0));
        e.preventDefault();
        return;
      }
      if ((e.key === 'Enter' || e.key === 'o') && i >= 0) {
        window.location.href = list[i].getAttribute('data-href');
        return;
      }
    } else {
      if (e.key === 'j') {
        go('a[rel="next"]');
        return;
      }
      if (e.key === 'k') {
        go('a[rel="prev"]');
        return;
      }
      if (e.key === 'c') {
        submit('c');
        return;
      }
      if (e.key === 'd') {
        submit('d');
        return;
      }
      if (e.key === 'u') {
        go('.crumbs a');
        return;
      }
    }
    if (e.key === '?') {
      window.alert(
        'j / k: next / previous\nEnter or o: open (queue)\nc: confirm the first undecided flag\nd: dismiss it as a false positive\nu: back to the queue',
      );
    }
  });
})();
