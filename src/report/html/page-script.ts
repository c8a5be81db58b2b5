// The code of report.html (browser JavaScript, no network): draws each chart from its JSON option, switches its
// views, and lays the tables out with a filter box and pages, so that a run with 500 VMs stays usable.
import { RENDER_ITEMS_JS } from '../charts/render-items.ts';

export const PAGE_SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('livemig-data').textContent);
  var hydrate = (function (echarts) {${RENDER_ITEMS_JS}})(window.echarts);
  var charts = [];

  data.charts.forEach(function (spec) {
    var element = document.getElementById('chart-' + spec.id);
    var chart = echarts.init(element, null, { renderer: 'canvas' });
    function show(index) {
      var view = spec.views ? spec.views[index] : undefined;
      chart.setOption(hydrate(Object.assign({}, spec.option, view ? view.patch : {})), { notMerge: true });
    }
    show(0);
    var select = document.querySelector('select[data-chart="' + spec.id + '"]');
    if (select) select.addEventListener('change', function () { show(Number(select.value)); });
    charts.push(chart);
  });
  window.addEventListener('resize', function () { charts.forEach(function (chart) { chart.resize(); }); });

  var TAGGED = { outcome: true, state: true, 'state at the end': true, code: true };

  data.tables.forEach(function (spec) {
    var root = document.getElementById('table-' + spec.id);
    var body = root.querySelector('.table-body');
    if (spec.rows.length === 0) {
      var empty = document.createElement('p');
      empty.className = 'empty';
      empty.textContent = spec.empty;
      body.appendChild(empty);
      return;
    }
    var search = root.querySelector('input[type=search]');
    var size = root.querySelector('select.page-size');
    var count = root.querySelector('.count');
    var prev = root.querySelector('button.prev');
    var next = root.querySelector('button.next');
    var keys = spec.rows.map(function (row) { return row.join('\u0001').toLowerCase(); });
    var table = document.createElement('table');
    var head = table.createTHead().insertRow();
    spec.columns.forEach(function (column) {
      var th = document.createElement('th');
      th.textContent = column.label;
      if (column.numeric) th.className = 'num';
      head.appendChild(th);
    });
    var tbody = table.createTBody();
    var scroll = document.createElement('div');
    scroll.className = 'scroll';
    scroll.appendChild(table);
    body.appendChild(scroll);
    var page = 0;
    var matching = spec.rows;

    function filter() {
      var text = search.value.trim().toLowerCase();
      matching = text === '' ? spec.rows : spec.rows.filter(function (_, i) { return keys[i].indexOf(text) >= 0; });
      page = 0;
      draw();
    }
    function draw() {
      var perPage = Number(size.value);
      var pages = Math.max(1, Math.ceil(matching.length / perPage));
      page = Math.min(page, pages - 1);
      var first = page * perPage;
      var rows = matching.slice(first, first + perPage);
      tbody.textContent = '';
      rows.forEach(function (row) {
        var tr = tbody.insertRow();
        row.forEach(function (cell, c) {
          var column = spec.columns[c];
          var td = tr.insertCell();
          if (column.numeric) td.className = 'num';
          else if (column.wrap) td.className = 'wrap';
          if (TAGGED[column.label] && cell !== '') {
            var tag = document.createElement('span');
            tag.className = 'tag tag-' + cell.replace(/[^a-z-]/g, '');
            tag.textContent = cell;
            td.appendChild(tag);
          } else {
            td.textContent = cell;
          }
        });
      });
      count.textContent = matching.length === 0 ? 'no row matches'
        : 'rows ' + (first + 1) + '–' + (first + rows.length) + ' of ' + matching.length +
          (matching.length < spec.rows.length ? ' (filtered from ' + spec.rows.length + ')' : '');
      prev.disabled = page === 0;
      next.disabled = page >= pages - 1;
    }
    search.addEventListener('input', filter);
    size.addEventListener('change', draw);
    prev.addEventListener('click', function () { page--; draw(); });
    next.addEventListener('click', function () { page++; draw(); });
    draw();
  });
})();
`;
