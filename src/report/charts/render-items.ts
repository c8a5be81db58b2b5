// The drawing functions of the custom series (timeline bars, migration frames) and the tooltips that need code,
// written once as browser JavaScript: the HTML page inlines this source, and plots evaluate it in Node.
import type { ChartOption } from './chart-spec.ts';

/**
 * Body of a function of `echarts` returning `hydrate(option)`, which replaces each named `renderItem` (and
 * `tooltipKind`) of the option's series with the function, using the series' `labels` (one text per data item).
 */
export const RENDER_ITEMS_JS = `
  function box(params, api, start, end, row, scale) {
    var a = api.coord([start, row]);
    var b = api.coord([end, row]);
    var h = api.size([0, 1])[1] * scale;
    var c = params.coordSys;
    return echarts.graphic.clipRectByRect(
      { x: a[0], y: a[1] - h / 2, width: Math.max(b[0] - a[0], 1), height: h },
      { x: c.x, y: c.y, width: c.width, height: c.height });
  }
  function gantt(labels) {
    return function (params, api) {
      var rect = box(params, api, api.value(1), api.value(2), api.value(0), 0.62);
      if (!rect) return null;
      var children = [{ type: 'rect', shape: rect, style: { fill: api.visual('color') } }];
      var label = labels[params.dataIndex] || '';
      if (rect.width > label.length * 6.2 + 8 && rect.height >= 10) {
        children.push({ type: 'text', silent: true, style: { text: label, x: rect.x + 4, y: rect.y + rect.height / 2,
          verticalAlign: 'middle', fill: '#ffffff', fontSize: Math.min(11, rect.height - 2) } });
      }
      return { type: 'group', children: children };
    };
  }
  function frame(labels) {
    return function (params, api) {
      var rect = box(params, api, api.value(1), api.value(2), api.value(0), 0.92);
      if (!rect || rect.height < 6) return null;
      return { type: 'rect', shape: rect, style: { fill: 'none', stroke: api.visual('color'), lineWidth: 1.5 } };
    };
  }
  function itemTooltip(labels) {
    return function (p) {
      var v = p.value || [];
      var when = Number(v[1]).toFixed(3) + ' s → ' + Number(v[2]).toFixed(3) + ' s';
      return '<b>' + p.name + '</b> ' + p.seriesName + '<br>' + (labels[p.dataIndex] || '') + '<br>' + when;
    };
  }
  var renderers = { gantt: gantt, frame: frame };
  return function hydrate(option) {
    var series = Array.isArray(option.series) ? option.series : [];
    var copy = Object.assign({}, option, { series: series.map(function (s) {
      var out = Object.assign({}, s);
      if (typeof s.renderItem === 'string') out.renderItem = renderers[s.renderItem](s.labels || []);
      if (s.tooltipKind === 'item') out.tooltip = { formatter: itemTooltip(s.labels || []) };
      delete out.labels;
      delete out.tooltipKind;
      return out;
    }) });
    return copy;
  };
`;

/** The hydrate function of RENDER_ITEMS_JS, for ECharts in Node. */
export function makeHydrate(echarts: unknown): (option: ChartOption) => ChartOption {
  const factory = new Function('echarts', RENDER_ITEMS_JS) as (e: unknown) => (option: ChartOption) => ChartOption;
  return factory(echarts);
}
