// Draws each chart container from the chart specs embedded beside it; the text and tables are
// already in the page, so without this script (or ECharts) the report still reads.
(function () {
  'use strict';
  if (typeof echarts === 'undefined') {
    return;
  }
  var specs = JSON.parse(document.getElementById('report-charts').textContent);
  var palette = ['#2563eb', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6', '#0ea5e9', '#84cc16', '#ec4899',
    '#64748b', '#14b8a6', '#a16207'];

  function heading(spec, shown) {
    return spec.single ? spec.title + ': ' + shown + ' by ' + spec.xName : spec.title;
  }

  // How category labels fit under the axis: on one line when the longest fits its slot, wrapped
  // onto up to three lines when it does not, else rotated; the axis name goes below them, never
  // over them (issue 16: the thp chart's axis title sat on its rotated labels).
  function labelLayout(spec, width) {
    var longest = spec.categories.reduce(function (n, c) { return Math.max(n, c.length); }, 0);
    var slot = Math.max(24, (width - 120) / Math.max(1, spec.categories.length));
    var chars = longest * CHAR;
    if (chars <= slot - 8) {
      return { label: { interval: 0, hideOverlap: true }, gap: 28 };
    }
    var perLine = Math.max(4, Math.floor((slot - 8) / CHAR));
    var lines = spec.categories.reduce(function (n, c) { return Math.max(n, wrap(c, perLine).length); }, 0);
    if (lines <= 3) {
      return { label: { interval: 0, lineHeight: 14, formatter: function (c) { return wrap(c, perLine).join('\n'); } },
        gap: 14 * lines + 16 };
    }
    // Rotated: 30 degrees while neighbouring labels stay a line apart (slot * sin 30 >= 14 px),
    // else upright (the fidelity table's 43 metrics). A label of n characters then rises
    // n * CHAR * sin(angle) plus its own height times cos(angle).
    var angle = slot / 2 >= 14 ? 30 : 90;
    var rad = angle * Math.PI / 180;
    return { label: { interval: 0, rotate: angle, hideOverlap: true },
      gap: Math.round(chars * Math.sin(rad) + 12 * Math.cos(rad) + 16) };
  }

  // A label in lines of at most n characters, broken after a space, '/', '.', ',' or '-' where it
  // can be ("grouping.noCompaction" as "grouping." and "noCompaction"), else anywhere.
  function wrap(text, n) {
    var lines = [];
    var rest = text;
    while (rest.length > n) {
      var cut = -1;
      for (var i = Math.min(n, rest.length - 1); i > 0 && cut < 0; i--) {
        if (' /.,-'.indexOf(rest.charAt(i - 1)) >= 0) {
          cut = i;
        }
      }
      cut = cut < 0 ? n : cut;
      lines.push(rest.substring(0, cut).trim());
      rest = rest.substring(cut).trim();
    }
    lines.push(rest);
    return lines;
  }

  var CHAR = 6.6; // px per character of ECharts' 12px labels, a little generous

  function option(spec, width) {
    var bar = spec.kind === 'bar';
    var categorical = bar || spec.kind === 'band';
    var layout = categorical ? labelLayout(spec, width) : { label: {}, gap: 28 };
    var selected = {};
    spec.series.forEach(function (s) {
      selected[s.name] = spec.shown.length === 0 || spec.shown.indexOf(s.name) >= 0;
    });
    return {
      color: palette,
      animation: false,
      title: { text: heading(spec, spec.yName), left: 'center', textStyle: { fontSize: 15, fontWeight: 600 },
        subtext: spec.single ? 'one column at a time: pick it in the legend' : '' },
      tooltip: { trigger: 'axis', confine: true },
      legend: { type: 'scroll', bottom: 0, selectedMode: spec.single ? 'single' : true, selected: selected },
      grid: { left: 16, right: 32, top: spec.single ? 72 : 56, bottom: 60, containLabel: true },
      xAxis: categorical
        ? { type: 'category', data: spec.categories, name: spec.xName, nameLocation: 'middle',
            nameGap: layout.gap, axisLabel: layout.label, boundaryGap: bar }
        : { type: 'value', name: spec.xName, nameLocation: 'middle', nameGap: 28, scale: true },
      yAxis: { type: 'value', name: spec.yName, nameTextStyle: { align: 'left' }, scale: spec.kind === 'band',
        axisLabel: { hideOverlap: true } },
      series: spec.kind === 'band' ? bands(spec) : spec.series.map(function (s) {
        return bar
          ? { name: s.name, type: 'bar', data: s.data, barMaxWidth: 48 }
          : { name: s.name, type: 'line', data: s.data, showSymbol: s.data.length <= 40, connectNulls: false };
      })
    };
  }

  // A sweep's means over categories, each with its confidence interval as a shaded band: the low
  // bound (invisible) and high - low stacked on it. The three share a name, so the legend toggles
  // a line with its band.
  function bands(spec) {
    var out = [];
    spec.series.forEach(function (s, i) {
      var color = palette[i % palette.length];
      var pick = function (k) { return s.data.map(function (d) { return d === null ? null : d[k]; }); };
      var low = pick(1);
      var width = s.data.map(function (d) { return d === null || d[1] === null ? null : d[2] - d[1]; });
      out.push({ name: s.name, type: 'line', data: low, stack: 'band' + i, symbol: 'none', silent: true,
        lineStyle: { opacity: 0 }, tooltip: { show: false } });
      out.push({ name: s.name, type: 'line', data: width, stack: 'band' + i, symbol: 'none', silent: true,
        lineStyle: { opacity: 0 }, areaStyle: { color: color, opacity: 0.18 }, tooltip: { show: false } });
      out.push({ name: s.name, type: 'line', data: pick(0), color: color, showSymbol: true, connectNulls: false });
    });
    return out;
  }

  var drawn = [];
  document.querySelectorAll('[data-chart]').forEach(function (el) {
    var spec = specs[el.getAttribute('data-chart')];
    if (!spec) {
      return;
    }
    var width = el.clientWidth || 1000;
    if (spec.kind !== 'line') {
      // Tall labels (upright ones) take the plot's height: the chart grows by what they take.
      var gap = labelLayout(spec, width).gap;
      if (gap > 60) {
        el.style.height = (el.clientHeight + gap - 28) + 'px';
      }
    }
    var chart = echarts.init(el, null, { renderer: 'svg' });
    chart.setOption(option(spec, width));
    if (spec.single) {
      // The y axis is named after the column on show, since each column has its own unit.
      chart.on('legendselectchanged', function (e) {
        chart.setOption({ title: { text: heading(spec, e.name) }, yAxis: { name: e.name } });
      });
    }
    drawn.push(chart);
  });
  window.addEventListener('resize', function () {
    drawn.forEach(function (c) { c.resize(); });
  });
})();
