// The review pack's charts: Vega-Lite specifications compiled to Vega and rendered to SVG in
// Node (no browser, no canvas). Vega is imported only here and only when a chart is drawn,
// because importing it costs about 0.4 s that no other command should pay.
import type * as VegaModule from 'vega';
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

/** The charts' specifications, without data: each draws the dataset named as its key. */
const SPECS: Record<keyof ChartSvgs, Spec> = {
    nonconformities: {
      width: WIDTH,
      height: 180,
      data: { name: 'nonconformities' },
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
      data: { name: 'ageing' },
      mark: { type: 'bar', color: '#2166ac' },
      encoding: {
        y: { field: 'band', type: 'ordinal', title: 'Open for', sort: null },
        x: { field: 'count', type: 'quantitative', title: 'Corrective actions not closed', axis: { tickMinStep: 1 } },
      },
    },
    evidence: {
      width: WIDTH,
      height: 160,
      data: { name: 'evidence' },
      mark: { type: 'line', point: true, color: '#1b7837' },
      encoding: {
        x: { field: 'month', type: 'ordinal', title: 'Month due', axis: { labelAngle: 0 } },
        y: { field: 'onTimeRate', type: 'quantitative', title: 'Answered on time (%)', scale: { domain: [0, 100] } },
      },
    },
    coverage: {
      width: WIDTH - 140,
      height: { step: 16 },
      data: { name: 'coverage' },
      mark: { type: 'bar' },
      encoding: {
        y: { field: 'group', type: 'nominal', title: null, sort: null, axis: { labelLimit: 220 } },
        x: { field: 'count', type: 'quantitative', title: 'Required clauses and controls', stack: 'zero' },
        color: { field: 'state', type: 'nominal', title: null, scale: { domain: ['assessed', 'planned, not yet assessed', 'not planned'], range: ['#1b7837', '#a6dba0', '#d9d9d9'] } },
        order: { field: 'order' },
      },
    },
};

function datasets(c: ReviewCharts): Record<keyof ChartSvgs, unknown[]> {
  return {
    nonconformities: c.nonconformitiesPerMonth,
    ageing: c.actionAgeing.bands,
    evidence: c.evidenceOnTime.filter((m) => m.onTimeRate !== null),
    coverage: c.coverage.rows.flatMap((r) => [
      { group: r.group, state: 'assessed', count: r.covered, order: 0 },
      { group: r.group, state: 'planned, not yet assessed', count: r.planned - r.covered, order: 1 },
      { group: r.group, state: 'not planned', count: r.required - r.planned, order: 2 },
    ]),
  };
}

type Vega = typeof VegaModule;
type Runtime = ReturnType<Vega['parse']>;

/** Compiled and parsed once per process: a pack only pours its data into them. */
let compiled: Promise<{ vega: Vega; runtimes: Record<keyof ChartSvgs, Runtime> }> | null = null;

function compileAll(): Promise<{ vega: Vega; runtimes: Record<keyof ChartSvgs, Runtime> }> {
  compiled ??= Promise.all([import('vega'), import('vega-lite')]).then(([vega, vl]) => {
    const parse = (spec: Spec): Runtime => vega.parse(vl.compile({ config: CONFIG, ...spec } as never).spec);
    return { vega, runtimes: { nonconformities: parse(SPECS.nonconformities), ageing: parse(SPECS.ageing), evidence: parse(SPECS.evidence), coverage: parse(SPECS.coverage) } };
  });
  return compiled;
}

export async function renderCharts(charts: ReviewCharts): Promise<ChartSvgs> {
  const { vega, runtimes } = await compileAll();
  const data = datasets(charts);
  const draw = async (name: keyof ChartSvgs): Promise<string> => {
    const view = new vega.View(runtimes[name], { renderer: 'none' });
    try {
      view.data(name, data[name]);
      return await view.toSVG();
    } finally {
      view.finalize();
    }
  };
  return { nonconformities: await draw('nonconformities'), ageing: await draw('ageing'), evidence: await draw('evidence'), coverage: await draw('coverage') };
}
