// The review pack's charts: Vega-Lite specifications compiled to Vega and rendered to SVG in
// Node (no browser, no canvas). Vega is imported only here and only when a chart is drawn,
// because importing it costs about 0.4 s that no other command should pay.
import type { ReviewCharts } from '../../core/review/build-management-review.js';

export interface ChartSvgs {
  nonconformities: string;
  ageing: string;
  evidence: string;
  coverage: string;
}

const WIDTH = 560;
const FONT = 'Helvetica, Arial, sans-serif';
const CONFIG = { font: FONT, view: { stroke: null }, axis: { labelFontSize: 11, titleFontSize: 11 }, legend: { labelFontSize: 11, titleFontSize: 11 } };

type Spec = Record<string, unknown>;

function specs(c: ReviewCharts): Record<keyof ChartSvgs, Spec> {
  const coverage = c.coverage.rows.map((r) => ({ group: r.group, state: 'covered', count: r.covered, order: 0 })).concat(
    c.coverage.rows.map((r) => ({ group: r.group, state: 'not covered', count: r.required - r.covered, order: 1 })),
  );
  return {
    nonconformities: {
      width: WIDTH,
      height: 180,
      data: { values: c.nonconformitiesPerMonth },
      mark: { type: 'bar' },
      encoding: {
        x: { field: 'month', type: 'ordinal', title: 'Month raised', axis: { labelAngle: 0 } },
        y: { field: 'count', type: 'quantitative', title: 'Nonconformities', axis: { tickMinStep: 1 } },
        color: { field: 'classification', type: 'nominal', title: 'Classification', scale: { domain: ['major', 'minor'], range: ['#b2182b', '#ef8a62'] } },
      },
    },
    ageing: {
      width: WIDTH,
      height: 140,
      data: { values: c.actionAgeing.bands },
      mark: { type: 'bar', color: '#2166ac' },
      encoding: {
        y: { field: 'band', type: 'ordinal', title: 'Open for', sort: null },
        x: { field: 'count', type: 'quantitative', title: 'Corrective actions not closed', axis: { tickMinStep: 1 } },
      },
    },
    evidence: {
      width: WIDTH,
      height: 160,
      data: { values: c.evidenceOnTime.filter((m) => m.onTimeRate !== null) },
      mark: { type: 'line', point: true, color: '#1b7837' },
      encoding: {
        x: { field: 'month', type: 'ordinal', title: 'Month due', axis: { labelAngle: 0 } },
        y: { field: 'onTimeRate', type: 'quantitative', title: 'Answered on time (%)', scale: { domain: [0, 100] } },
      },
    },
    coverage: {
      width: WIDTH - 140,
      height: { step: 16 },
      data: { values: coverage },
      mark: { type: 'bar' },
      encoding: {
        y: { field: 'group', type: 'nominal', title: null, sort: null, axis: { labelLimit: 220 } },
        x: { field: 'count', type: 'quantitative', title: `Requirements (${c.coverage.basis} coverage)`, stack: 'zero' },
        color: { field: 'state', type: 'nominal', title: null, scale: { domain: ['covered', 'not covered'], range: ['#1b7837', '#d9d9d9'] } },
        order: { field: 'order' },
      },
    },
  };
}

export async function renderCharts(charts: ReviewCharts): Promise<ChartSvgs> {
  const [vega, vl] = await Promise.all([import('vega'), import('vega-lite')]);
  const draw = async (spec: Spec): Promise<string> => {
    const compiled = vl.compile({ config: CONFIG, ...spec } as never).spec;
    const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
    try {
      return await view.toSVG();
    } finally {
      view.finalize();
    }
  };
  const s = specs(charts);
  return { nonconformities: await draw(s.nonconformities), ageing: await draw(s.ageing), evidence: await draw(s.evidence), coverage: await draw(s.coverage) };
}
