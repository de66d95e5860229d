import { MetricFamily, parsePrometheusText } from './prometheus-text';

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** One scrape of an app's `/metrics`, parsed strictly as Prometheus text format. */
export interface Scrape {
  text: string;
  families: Map<string, MetricFamily>;
  /** The family's type, undefined when the app does not expose it */
  type(name: string): MetricFamily['type'] | undefined;
  /** The series of a family whose labels include `labels`; a histogram's or summary's value is its `_count` */
  samples(name: string, labels?: Record<string, string>): { labels: Record<string, string>; value: number }[];
  /** The sum of those series' values (0 when none) */
  sum(name: string, labels?: Record<string, string>): number;
}

/** GETs `<url>/metrics` without a token and parses it; fails on a non-200 answer or another content type. */
export async function scrape(url: string): Promise<Scrape> {
  const res = await fetch(`${url}/metrics`);
  if (res.status !== 200) throw new Error(`GET ${url}/metrics answered ${res.status}`);
  expect(res.headers.get('content-type')).toBe(PROMETHEUS_CONTENT_TYPE);
  const text = await res.text();
  const families = parsePrometheusText(text);
  const samples: Scrape['samples'] = (name, labels = {}) => {
    const family = families.get(name);
    if (!family) return [];
    const own = family.type === 'histogram' || family.type === 'summary' ? `${name}_count` : name;
    return family.samples
      .filter((s) => s.name === own && Object.entries(labels).every(([key, value]) => s.labels[key] === value))
      .map(({ labels: l, value }) => ({ labels: l, value }));
  };
  return {
    text,
    families,
    type: (name) => families.get(name)?.type,
    samples,
    sum: (name, labels) => samples(name, labels).reduce((total, s) => total + s.value, 0),
  };
}
