import { escapeXml, renderLineChart } from './svg-chart.js';

describe('renderLineChart', () => {
  const svg = renderLineChart({
    title: 'Latency <p99>',
    xLabel: 'jobs',
    yLabel: 'ms',
    xLog: true,
    yLog: true,
    series: [
      { name: 'SSE', points: [[10, 1], [1000, 3], [10_000, 30]] },
      { name: 'NAIVE', dashed: true, points: [[10, 500], [1000, 0], [10_000, 900]] },
    ],
  });

  it('is a standalone SVG document with escaped text', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('Latency &#60;p99&#62;');
  });

  it('draws one line per series and one marker per drawable point, leaving out zero on a log axis', () => {
    expect(svg.match(/<polyline /g)).toHaveLength(2);
    expect(svg.match(/<circle /g)).toHaveLength(5);
    expect(svg).toContain('stroke-dasharray');
  });

  it('puts decade ticks on log axes', () => {
    for (const tick of ['>10<', '>100<', '>1k<', '>10k<']) expect(svg).toContain(tick);
  });

  it('places larger values higher and further right', () => {
    const points = [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    const [first, second] = points as [number[], number[]];
    expect(second[0]).toBeGreaterThan(first[0] as number);
    expect(second[1]).toBeLessThan(first[1] as number);
  });
});

describe('escapeXml', () => {
  it('escapes markup characters and quotes', () => {
    expect(escapeXml(`a<b>&"c'`)).toBe('a&#60;b&#62;&#38;&#34;c&#39;');
  });
});
