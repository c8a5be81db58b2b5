import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reportCharts } from '../charts/report-charts.ts';
import { busyRun } from '../testing/sample-runs.ts';
import { plotEcharts, plotOption, textWidth } from './plots.ts';

/** What the test reads of ECharts' scene (zrender elements); not part of the report's typed surface. */
interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
  clone(): Rect;
  applyTransform(matrix: unknown): void;
}
interface Element {
  type: string;
  parent?: Element;
  transform?: unknown;
  style?: { text?: unknown };
  getBoundingRect(): Rect;
  traverse(visit: (child: Element) => void): void;
  children?(): Element[];
}
interface Inspectable {
  getModel(): { getComponent(kind: string, index: number): unknown };
  getViewOfComponentModel(model: unknown): { group: Element };
  getZr(): { storage: { getDisplayList(update: boolean): Element[] } };
  dispose(): void;
}

const box = (el: Element): Rect => {
  const rect = el.getBoundingRect().clone();
  if (el.transform !== undefined) rect.applyTransform(el.transform);
  return rect;
};
const meet = (a: Rect, b: Rect) =>
  a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;

test('text is measured as DejaVu Sans draws it, a little wide rather than narrow', () => {
  // DejaVu Sans at 12px: "running" is about 46px, "stop-and-copy" about 84px (advance widths of the font).
  assert.ok(textWidth('running', '12px sans-serif') >= 46);
  assert.ok(textWidth('stop-and-copy', '12px sans-serif') >= 84);
  assert.equal(textWidth('MiB', '24px sans-serif'), 2 * textWidth('MiB', '12px sans-serif'));
});

test('in every plot the legend entries meet neither one another nor the title or another text', async () => {
  const { echarts, hydrate } = plotEcharts();
  const found: string[] = [];
  for (const spec of reportCharts(await busyRun())) {
    const { option, height } = plotOption(spec, spec.views?.[0]);
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 1200, height });
    chart.setOption(hydrate(option));
    chart.renderToSVGString(); // lays the scene out: element transforms are set when it is drawn
    const inspect = chart as unknown as Inspectable;
    const legendModel = inspect.getModel().getComponent('legend', 0);
    if (legendModel !== undefined && legendModel !== null) {
      const legend = inspect.getViewOfComponentModel(legendModel).group;
      const items: Element[] = [];
      // An entry is a group holding its symbol and its name (the pager of a scroll legend, "1/2", is not one).
      legend.traverse((child) => {
        const kids = child.type === 'group' ? (child.children?.() ?? []) : [];
        const name = kids.find((kid) => typeof kid.style?.text === 'string');
        if (name !== undefined && !/^\d+\/\d+$/.test(String(name.style?.text))) items.push(child);
      });
      const inLegend = (el: Element) => {
        for (let at: Element | undefined = el; at !== undefined; at = at.parent) if (at === legend) return true;
        return false;
      };
      const texts = inspect
        .getZr()
        .storage.getDisplayList(true)
        .filter((el) => !inLegend(el) && typeof el.style?.text === 'string' && el.style.text !== '');
      assert.ok(items.length > 0, `${spec.id}: the legend has entries`);
      items.forEach((item, i) => {
        items.slice(i + 1).forEach((other, j) => {
          if (meet(box(item), box(other))) found.push(`${spec.id}: legend entries ${i} and ${i + j + 1}`);
        });
        for (const text of texts) {
          if (meet(box(item), box(text))) found.push(`${spec.id}: legend entry ${i} and "${String(text.style?.text)}"`);
        }
      });
    }
    chart.dispose();
  }
  assert.deepEqual(found, []);
});
