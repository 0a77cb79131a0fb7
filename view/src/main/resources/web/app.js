// The live view: choose a run, start it through the JSON API, follow its state over server-sent
// events, draw the memory map on a canvas and the charts with ECharts. No build step, no network.
// (No JavaScript template literals: Maven filters this file as a resource.)
'use strict';

var COLORS = {
  reserved: '#4a4f57', free: '#e8f1e4', unmovable: '#d9534f', movable: '#5b8fd9',
  reclaimable: '#e8b04b', highatomic: '#9b59b6', pcp: '#9fd4a3', used: '#5b8fd9'
};

var catalog = { workload: [], scenario: [], trace: null };
var run = null;        // { id, kind, events: EventSource }
var charts = {};

function $(id) { return document.getElementById(id); }

function api(method, path, body, raw) {
  var init = { method: method, headers: {} };
  if (body !== undefined) {
    if (raw) {
      init.body = body;
      init.headers['Content-Type'] = 'application/octet-stream';
    } else {
      init.body = JSON.stringify(body);
      init.headers['Content-Type'] = 'application/json';
    }
  }
  return fetch(path, init).then(function (r) {
    return r.json().catch(function () { return {}; }).then(function (j) {
      if (!r.ok) { throw new Error(j.error || (r.status + ' ' + r.statusText)); }
      return j;
    });
  });
}

function showError(message) {
  var e = $('error');
  e.hidden = !message;
  e.textContent = message || '';
}

// ------------------------------------------------------------------ chooser

function loadCatalog() {
  return Promise.all([api('GET', '/api/workloads'), api('GET', '/api/scenarios'), api('GET', '/api/traces')])
    .then(function (all) {
      catalog.workload = all[0];
      catalog.scenario = all[1];
      catalog.trace = all[2];
      fillNames();
    })
    .catch(function (e) { showError('cannot load the catalog: ' + e.message); });
}

function fillNames() {
  var kind = $('kind').value;
  var names = kind === 'trace'
    ? catalog.trace.formats.map(function (f) { return { name: f }; })
    : catalog[kind];
  var sel = $('name');
  sel.innerHTML = '';
  names.forEach(function (n) {
    var o = document.createElement('option');
    o.value = n.name;
    o.textContent = n.name;
    sel.appendChild(o);
  });
  $('file-label').hidden = kind !== 'trace';
  $('name-label').firstChild.textContent = kind === 'trace' ? 'Format ' : 'Name ';
  fillParams();
}

function currentEntry() {
  var kind = $('kind').value;
  if (kind === 'trace') { return { params: catalog.trace.params, description: 'Upload a trace; it is parsed, then replayed a batch of events per step.' }; }
  var name = $('name').value;
  return catalog[kind].filter(function (e) { return e.name === name; })[0] || { params: [] };
}

function fillParams() {
  var entry = currentEntry();
  var box = $('params');
  box.innerHTML = '';
  (entry.params || []).forEach(function (p) {
    var label = document.createElement('label');
    label.title = p.description + (p.allowed ? ' (' + p.allowed + ')' : '');
    var span = document.createElement('span');
    span.textContent = p.name + (p.unit ? ' (' + p.unit + ')' : '');
    var input = document.createElement('input');
    input.name = p.name;
    input.id = 'param-' + p.name;
    input.value = p.defaultValue;
    input.placeholder = p.description;
    label.appendChild(span);
    label.appendChild(input);
    box.appendChild(label);
  });
  $('description').textContent = entry.description || '';
}

function paramValues() {
  var out = {};
  var entry = currentEntry();
  (entry.params || []).forEach(function (p) {
    var v = $('param-' + p.name).value;
    if (v !== p.defaultValue) { out[p.name] = v; }
  });
  return out;
}

function start() {
  showError('');
  var kind = $('kind').value;
  var file = $('trace-file').files[0];
  if (kind === 'trace' && !file) { showError('choose a trace file first'); return; }
  var params = paramValues();
  if (kind === 'trace' && file && !params.file) { params.file = file.name; }
  var body = { kind: kind, name: $('name').value, params: params, play: true, speed: speed() };
  api('POST', '/api/runs', body)
    .then(function (created) {
      follow(created.id, kind);
      if (kind === 'trace') {
        if (file.size > catalog.trace.maxUploadBytes) {
          throw new Error('the file has ' + file.size + ' bytes; the limit is ' + catalog.trace.maxUploadBytes);
        }
        return api('POST', created.upload, file, true);
      }
    })
    .catch(function (e) { showError(e.message); });
}

// ------------------------------------------------------------------ controls

function speed() {
  var v = Number($('speed').value);
  return isFinite(v) && v >= 0 ? v : 10;
}

function control(action) {
  if (!run) { return; }
  var body = { speed: speed() };
  if (action) { body.action = action; }
  api('POST', '/api/runs/' + run.id + '/control', body).catch(function (e) { showError(e.message); });
}

// ------------------------------------------------------------------ following a run

function follow(id, kind) {
  if (run && run.events) { run.events.close(); }
  run = { id: id, kind: kind, events: new EventSource('/api/runs/' + id + '/events') };
  clearView();
  $('run-id').textContent = id;
  if (location.hash !== '#run=' + id) { history.replaceState(null, '', '#run=' + id); }
  listRuns();
  run.events.addEventListener('state', function (e) {
    var state = JSON.parse(e.data);
    if (!run || state.id !== run.id) { return; }
    render(state);
    if (state.status === 'done' || state.status === 'failed') { run.events.close(); }
  });
  // The stream ends when the run is deleted or pushed out by newer runs (or the server stops):
  // say so and stop, rather than freeze on the last state or reconnect in a loop.
  var events = run.events;
  events.addEventListener('error', function () {
    if (!run || run.events !== events) { return; }
    events.close();
    fetch('/api/runs/' + id + '/state')
      .then(function (r) {
        if (run && run.events !== events) { return; }
        if (r.status === 404) {
          showError('run ' + id + ' is gone: it was closed, or newer runs pushed it out; start it again');
        } else {
          showError('lost the live updates of run ' + id + ' (HTTP ' + r.status + ')');
        }
      })
      .catch(function () {
        if (run && run.events !== events) { return; }
        showError('lost the connection to the server; is buddykit serve still running?');
      });
  });
}

function text(id, value) { $(id).textContent = value; }

/**
 * Empties everything a run draws, so that a run of another kind (a scenario after a workload has
 * no map) never shows the previous run's map, numbers or counters as its own.
 */
function clearView() {
  $('result').innerHTML = '';
  $('vmstat').innerHTML = '';
  $('legend').innerHTML = '';
  Object.keys(charts).forEach(function (k) { charts[k].clear(); });
  ['free-pages', 'managed-pages', 'free-pageblocks', 'extfrag', 'unusable'].forEach(function (id) { text(id, '-'); });
  text('map-scale', '');
  text('history-title', 'Over time');
  var canvas = $('map');
  canvas.getContext('2d').clearRect(0, 0, canvas.width, canvas.height);
  canvas.dataset.mapHash = '';
  canvas.dataset.step = '';
  unitWords(null);
}

/**
 * What one unit of the map and the numbers is: a 4 KiB page, or a heap trace's unit of so many
 * bytes (an mtrace replays on a heap of 16-byte units, not pages).
 */
function unitWords(unitBytes) {
  var unit = unitBytes ? unitBytes + '-byte units' : 'pages';
  text('free-label', 'free ' + unit);
  text('managed-label', (unitBytes ? 'heap ' : 'managed ') + unit);
  return unitBytes ? { one: unitBytes + '-byte unit', many: unit } : { one: 'page', many: 'pages' };
}

/** The runs the server holds, to open one that the JSON API created. */
function listRuns() {
  api('GET', '/api/runs').then(function (runs) {
    var sel = $('runs');
    sel.innerHTML = '';
    var first = document.createElement('option');
    first.value = '';
    first.textContent = runs.length ? '(' + runs.length + ' runs on the server)' : '(no runs on the server)';
    sel.appendChild(first);
    runs.forEach(function (r) {
      var o = document.createElement('option');
      o.value = r.id;
      o.dataset.kind = r.kind;
      o.textContent = r.id + ': ' + r.kind + ' ' + r.name + ' (' + r.status + ')';
      if (run && run.id === r.id) { o.selected = true; }
      sel.appendChild(o);
    });
  }).catch(function () { /* the list is a convenience; following a run reports its own errors */ });
}

/** Follows the run named in the URL (#run=ID), as a link to a run created through the API gives it. */
function openFromUrl() {
  var m = /^#run=([A-Za-z0-9_-]+)$/.exec(location.hash);
  if (!m || (run && run.id === m[1])) { return; }
  var id = m[1];
  api('GET', '/api/runs/' + id + '/state')
    .then(function (state) { follow(id, state.kind); })
    .catch(function (e) { showError('run ' + id + ': ' + e.message); });
}

function render(s) {
  text('status', s.status);
  text('run-label', s.kind + ' ' + s.name);
  text('step', s.step);
  text('steps', s.steps < 0 ? '?' : s.steps);
  showError(s.status === 'failed' ? 'run failed: ' + s.error : '');
  var scenario = s.kind === 'scenario';
  $('play').disabled = $('pause').disabled = $('step-once').disabled =
    scenario || s.status === 'done' || s.status === 'failed';
  if (s.map) {
    var unit = unitWords(s.summary && s.summary.unitBytes);
    text('free-pages', s.freePages);
    text('managed-pages', s.managedPages);
    text('frag-order', s.fragOrder);
    text('free-pageblocks', s.freeFragBlocks);
    text('extfrag', index(s.extfrag));
    text('unusable', index(s.unusable));
    drawMap(s.map, s.step, unit);
    drawBuddyinfo(s.buddyinfo);
    drawHistory(s.history, s.fragOrder);
    drawCounters(s.vmstat, s.modelCounters, s.summary);
  } else {
    drawCounters({}, {}, s.summary);
  }
  if (scenario && s.summary && s.summary.result) { drawResult(s.summary.result); }
}

/** An index x1000 as the kernel prints it: 0.734, -1.000. */
function index(x) { return (x / 1000).toFixed(3); }

// ------------------------------------------------------------------ the map

/** FNV-1a over the cells, as MemoryMap.hash computes it on the server. */
function hashCells(cells) {
  var h = 0x811c9dc5;
  for (var i = 0; i < cells.length; i++) {
    h ^= cells[i];
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function drawMap(map, step, unit) {
  var canvas = $('map');
  var ctx = canvas.getContext('2d');
  var n = map.cells.length;
  var cols = Math.ceil(Math.sqrt(n));
  var rows = Math.ceil(n / cols);
  var size = Math.max(1, Math.floor(Math.min(canvas.width / cols, canvas.height / rows)));
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  for (var i = 0; i < n; i++) {
    ctx.fillStyle = COLORS[map.states[map.cells[i]]] || '#000';
    ctx.fillRect((i % cols) * size, Math.floor(i / cols) * size, size, size);
  }
  canvas.dataset.mapHash = String(hashCells(map.cells));
  canvas.dataset.step = String(step);
  text('map-scale', '(' + n + ' cells of ' + map.cellPages + ' ' + (map.cellPages === 1 ? unit.one : unit.many) +
    ', left to right from ' + (unit.one === 'page' ? 'pfn 0' : 'the heap\'s start') +
    '; a cell shows the state most of its ' + unit.many + ' are in)');
  drawLegend(map.states, map.cells);
}

function drawLegend(states, cells) {
  var counts = states.map(function () { return 0; });
  for (var i = 0; i < cells.length; i++) { counts[cells[i]]++; }
  var ul = $('legend');
  ul.innerHTML = '';
  states.forEach(function (st, k) {
    if (counts[k] === 0 && (st === 'used' || st === 'highatomic' || st === 'pcp')) { return; }
    var li = document.createElement('li');
    var sw = document.createElement('i');
    sw.style.background = COLORS[st];
    li.appendChild(sw);
    li.appendChild(document.createTextNode(st + ' (' + counts[k] + ')'));
    ul.appendChild(li);
  });
}

// ------------------------------------------------------------------ charts

function chart(id) {
  if (!charts[id] && window.echarts) { charts[id] = echarts.init($(id), null, { renderer: 'canvas' }); }
  return charts[id];
}

function drawBuddyinfo(buddyinfo) {
  var c = chart('buddyinfo-chart');
  if (!c) { return; }
  c.setOption({
    animation: false,
    grid: { left: 60, right: 20, top: 36, bottom: 40 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', name: 'order', nameLocation: 'middle', nameGap: 26,
      data: buddyinfo.map(function (_, k) { return String(k); }) },
    yAxis: { type: 'value', name: 'free blocks' },
    series: [{ type: 'bar', data: buddyinfo, itemStyle: { color: '#5b8fd9' } }]
  });
}

function drawHistory(h, fragOrder) {
  var c = chart('history-chart');
  if (!c || !h) { return; }
  $('history-title').textContent = 'Over time: free order-' + fragOrder + ' blocks and the extfrag index';
  var pairs = function (ys, scale) {
    return h.step.map(function (x, i) { return [x, ys[i] / scale]; });
  };
  c.setOption({
    animation: false,
    grid: { left: 60, right: 60, top: 30, bottom: 40 },
    tooltip: { trigger: 'axis' },
    legend: { data: ['free order-' + fragOrder + ' blocks', 'extfrag index'] },
    xAxis: { type: 'value', name: 'step', nameLocation: 'middle', nameGap: 26, min: 0 },
    yAxis: [{ type: 'value', name: 'blocks', min: 0 }, { type: 'value', name: 'index', min: -1, max: 1 }],
    series: [
      { name: 'free order-' + fragOrder + ' blocks', type: 'line', showSymbol: false, data: pairs(h.freeFragBlocks, 1) },
      { name: 'extfrag index', type: 'line', yAxisIndex: 1, showSymbol: false, data: pairs(h.extfrag, 1000) }
    ]
  });
}

/** A scenario's first series, if it has one, in the over-time chart. */
function drawScenarioSeries(result) {
  var c = chart('history-chart');
  var names = Object.keys(result.series || {});
  if (!c || names.length === 0) { return; }
  var s = result.series[names[0]];
  $('history-title').textContent = 'Series: ' + names[0];
  c.setOption({
    animation: false,
    grid: { left: 60, right: 20, top: 30, bottom: 40 },
    tooltip: { trigger: 'axis' },
    // One series at a time (the legend picks it): a series' quantities differ in unit and scale
    // (free pages, free pageblocks, an index), so one y-axis would flatten all but the largest.
    legend: { data: s.y, selectedMode: 'single', type: 'scroll' },
    xAxis: { type: 'value', name: s.x, nameLocation: 'middle', nameGap: 26 },
    yAxis: { type: 'value', scale: true },
    series: s.y.map(function (y, j) {
      return { name: y, type: 'line', showSymbol: false,
        data: s.points.map(function (p) { return [p[0], p[j + 1]]; }) };
    })
  }, true);
}

function row(table, cells, header) {
  var tr = document.createElement('tr');
  cells.forEach(function (v) {
    var td = document.createElement(header ? 'th' : 'td');
    td.textContent = v === null || v === undefined ? '' : (typeof v === 'object' ? JSON.stringify(v) : String(v));
    tr.appendChild(td);
  });
  table.appendChild(tr);
}

function drawCounters(vmstat, model, summary) {
  var t = $('vmstat');
  t.innerHTML = '';
  row(t, ['counter', 'value'], true);
  Object.keys(vmstat || {}).forEach(function (k) { row(t, [k, vmstat[k]]); });
  Object.keys(model || {}).forEach(function (k) { row(t, [k + ' (model)', model[k]]); });
  Object.keys(summary || {}).forEach(function (k) {
    if (k !== 'result') { summaryRows(t, k, summary[k]); }
  });
}

/** A summary value as rows: a nested object (a trace's statistics) as key.field rows, never raw JSON. */
function summaryRows(t, key, v) {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    var keys = Object.keys(v);
    if (keys.length === 0) { row(t, [key, 'none']); }
    keys.forEach(function (k) { summaryRows(t, key + '.' + k, v[k]); });
  } else {
    row(t, [key, Array.isArray(v) ? v.join(' ') : v]);
  }
}

function drawResult(result) {
  var box = $('result');
  box.innerHTML = '';
  var numbers = document.createElement('table');
  row(numbers, ['result', 'value'], true);
  Object.keys(result.results).forEach(function (k) {
    var v = result.results[k];
    if (v && v.columns) {
      var h = document.createElement('h3');
      h.textContent = k;
      box.appendChild(h);
      var t = document.createElement('table');
      row(t, v.columns, true);
      v.rows.forEach(function (r) { row(t, r); });
      box.appendChild(t);
    } else {
      row(numbers, [k, v]);
    }
  });
  box.insertBefore(numbers, box.firstChild);
  drawScenarioSeries(result);
}

// ------------------------------------------------------------------ wiring

$('kind').addEventListener('change', fillNames);
$('name').addEventListener('change', fillParams);
$('start').addEventListener('click', start);
$('runs').addEventListener('change', function () {
  var o = $('runs').selectedOptions[0];
  if (o && o.value && (!run || run.id !== o.value)) { follow(o.value, o.dataset.kind); }
});
window.addEventListener('hashchange', openFromUrl);
$('play').addEventListener('click', function () { control('play'); });
$('pause').addEventListener('click', function () { control('pause'); });
$('step-once').addEventListener('click', function () { control('step'); });
$('speed').addEventListener('change', function () { control(null); });
window.addEventListener('resize', function () { Object.keys(charts).forEach(function (k) { charts[k].resize(); }); });
loadCatalog();
listRuns();
openFromUrl();
