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

  function option(spec) {
    var bar = spec.kind === 'bar';
    var longest = spec.categories.reduce(function (n, c) { return Math.max(n, c.length); }, 0);
    var many = bar && spec.categories.length * (longest + 2) > 90;
    var selected = {};
    spec.series.forEach(function (s) { selected[s.name] = !spec.single || s.name === spec.yName; });
    return {
      color: palette,
      animation: false,
      title: { text: heading(spec, spec.yName), left: 'center', textStyle: { fontSize: 15, fontWeight: 600 },
        subtext: spec.single ? 'one column at a time: pick it in the legend' : '' },
      tooltip: { trigger: 'axis', confine: true },
      legend: { type: 'scroll', bottom: 0, selectedMode: spec.single ? 'single' : true, selected: selected },
      grid: { left: 16, right: 32, top: spec.single ? 72 : 56, bottom: 48, containLabel: true },
      xAxis: bar
        ? { type: 'category', data: spec.categories, name: spec.xName, nameLocation: 'middle',
            nameGap: many ? 64 : 28, axisLabel: { interval: 0, rotate: many ? 30 : 0, hideOverlap: true } }
        : { type: 'value', name: spec.xName, nameLocation: 'middle', nameGap: 28, scale: true },
      yAxis: { type: 'value', name: spec.yName, nameTextStyle: { align: 'left' } },
      series: spec.series.map(function (s) {
        return bar
          ? { name: s.name, type: 'bar', data: s.data, barMaxWidth: 48 }
          : { name: s.name, type: 'line', data: s.data, showSymbol: s.data.length <= 40, connectNulls: false };
      })
    };
  }

  var drawn = [];
  document.querySelectorAll('[data-chart]').forEach(function (el) {
    var spec = specs[el.getAttribute('data-chart')];
    if (!spec) {
      return;
    }
    var chart = echarts.init(el, null, { renderer: 'svg' });
    chart.setOption(option(spec));
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
