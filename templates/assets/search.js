/* Search without a server: folds the query like the index (no marks, đ→d, lower case) and
 * lists entries that contain every word. The A–Z pages work without this. */
(function () {
  'use strict';
  var form = document.getElementById('search');
  if (!form || !window.fetch) return;
  var input = document.getElementById('q'), out = document.getElementById('results'),
      status = document.getElementById('status'), root = form.getAttribute('data-root'),
      index = null, timer = null;
  function fold(s) {
    return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd')
      .toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  }
  function show(q) {
    var words = fold(q).split(' ').filter(Boolean), hits = [], i, j, e, ok;
    out.textContent = '';
    if (!words.length) { status.textContent = ''; return; }
    for (i = 0; i < index.length; i++) {
      e = index[i];
      for (j = 0, ok = true; j < words.length && ok; j++) ok = e[2].indexOf(words[j]) >= 0;
      if (ok) hits.push(e);
    }
    status.textContent = hits.length ? 'Tìm thấy ' + hits.length + ' kết quả.' :
      'Không tìm thấy kết quả. Thử từ khác, hoặc xem danh mục thủ tục.';
    for (i = 0; i < hits.length && i < 50; i++) {
      var li = document.createElement('li'), a = document.createElement('a');
      a.href = root + hits[i][1];
      a.textContent = hits[i][0];
      li.appendChild(a);
      out.appendChild(li);
    }
  }
  function load(then) {
    if (index) return then();
    status.textContent = 'Đang tải chỉ mục…';
    fetch(form.getAttribute('data-index')).then(function (r) { return r.json(); })
      .then(function (d) { index = d; then(); })
      .catch(function () { status.textContent = 'Không tải được chỉ mục tìm kiếm.'; });
  }
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    load(function () { show(input.value); });
    if (history.replaceState) history.replaceState(null, '', '?q=' + encodeURIComponent(input.value));
  });
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { load(function () { show(input.value); }); }, 150);
  });
  var q = new URLSearchParams(location.search).get('q');
  if (q) { input.value = q; load(function () { show(q); }); }
})();
