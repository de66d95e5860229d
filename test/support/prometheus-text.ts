/**
 * A strict parser of the Prometheus text exposition format (version 0.0.4), for the tests that
 * scrape `/metrics`: anything a Prometheus server would refuse is an error here too.
 */

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface Sample {
  /** The sample's own name (`x_bucket`, `x_sum`, `x_count` for a histogram `x`) */
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface MetricFamily {
  name: string;
  type: MetricType;
  help?: string;
  samples: Sample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set<MetricType>(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const SUFFIXES: Record<MetricType, string[]> = {
  counter: [''],
  gauge: [''],
  untyped: [''],
  summary: ['', '_sum', '_count'],
  histogram: ['_bucket', '_sum', '_count'],
};

export class ExpositionError extends Error {
  constructor(line: number, message: string) {
    super(`line ${line}: ${message}`);
  }
}

/** A float as Prometheus reads it (Go's ParseFloat: NaN and Inf in any case). */
function parseValue(text: string, line: number): number {
  const special = text.toLowerCase();
  if (special === '+inf' || special === 'inf') return Infinity;
  if (special === '-inf') return -Infinity;
  if (special === 'nan') return NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) throw new ExpositionError(line, `bad value ${JSON.stringify(text)}`);
  return Number(text);
}

/** Parses `{a="1",b="x\"y"}` starting at `start` (the `{`); answers the labels and the index after `}`. */
function parseLabels(text: string, start: number, line: number): { labels: Record<string, string>; end: number } {
  const labels: Record<string, string> = {};
  let i = start + 1;
  for (;;) {
    if (text[i] === '}') return { labels, end: i + 1 };
    const eq = text.indexOf('=', i);
    if (eq < 0) throw new ExpositionError(line, 'label without =');
    const name = text.slice(i, eq).trim();
    if (!LABEL_NAME.test(name)) throw new ExpositionError(line, `bad label name ${JSON.stringify(name)}`);
    if (name in labels) throw new ExpositionError(line, `label ${name} repeated`);
    if (text[eq + 1] !== '"') throw new ExpositionError(line, `label ${name} value is not quoted`);
    let value = '';
    let j = eq + 2;
    for (; j < text.length && text[j] !== '"'; j++) {
      if (text[j] !== '\\') {
        value += text[j];
        continue;
      }
      const escaped = text[++j];
      if (escaped === 'n') value += '\n';
      else if (escaped === '\\' || escaped === '"') value += escaped;
      else throw new ExpositionError(line, `bad escape \\${escaped} in label ${name}`);
    }
    if (j >= text.length) throw new ExpositionError(line, `label ${name} value is not closed`);
    labels[name] = value;
    i = j + 1;
    if (text[i] === ',') i++;
    else if (text[i] !== '}') throw new ExpositionError(line, `expected , or } after label ${name}`);
  }
}

function parseSample(text: string, line: number): Sample {
  const nameEnd = text.search(/[{\s]/);
  const name = nameEnd < 0 ? text : text.slice(0, nameEnd);
  if (!METRIC_NAME.test(name)) throw new ExpositionError(line, `bad metric name ${JSON.stringify(name)}`);
  let labels: Record<string, string> = {};
  let rest = nameEnd < 0 ? '' : text.slice(nameEnd);
  if (rest.startsWith('{')) {
    const parsed = parseLabels(rest, 0, line);
    labels = parsed.labels;
    rest = rest.slice(parsed.end);
  }
  const fields = rest.trim().split(/\s+/);
  if (!fields[0] || fields.length > 2) throw new ExpositionError(line, 'expected a value and an optional timestamp');
  if (fields[1] !== undefined && !/^-?\d+$/.test(fields[1])) throw new ExpositionError(line, `bad timestamp ${fields[1]}`);
  return { name, labels, value: parseValue(fields[0], line) };
}

/** The family a sample name belongs to, among the families declared so far. */
function familyOf(families: Map<string, MetricFamily>, sampleName: string): MetricFamily | undefined {
  for (const suffix of ['', '_bucket', '_sum', '_count']) {
    if (!sampleName.endsWith(suffix)) continue;
    const family = families.get(sampleName.slice(0, sampleName.length - suffix.length));
    if (family && SUFFIXES[family.type].includes(suffix)) return family;
  }
  return undefined;
}

function seriesKey(sample: Sample): string {
  return `${sample.name}{${Object.keys(sample.labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(sample.labels[k])}`)
    .join(',')}}`;
}

/** Every histogram series has increasing buckets ending with le="+Inf", equal to its _count. */
function checkHistogram(family: MetricFamily): void {
  const series = new Map<string, { buckets: [number, number][]; count?: number }>();
  for (const sample of family.samples) {
    const { le, ...rest } = sample.labels;
    const key = JSON.stringify(Object.entries(rest).sort());
    const entry = series.get(key) ?? { buckets: [] };
    series.set(key, entry);
    if (sample.name.endsWith('_bucket')) {
      if (le === undefined) throw new Error(`${family.name}: a bucket without le`);
      entry.buckets.push([parseValue(le, 0), sample.value]);
    } else if (sample.name.endsWith('_count')) entry.count = sample.value;
  }
  for (const [key, { buckets, count }] of series) {
    const sorted = [...buckets].sort((a, b) => a[0] - b[0]);
    if (sorted.at(-1)?.[0] !== Infinity) throw new Error(`${family.name}${key}: no le="+Inf" bucket`);
    sorted.forEach(([, value], i) => {
      if (i > 0 && value < sorted[i - 1][1]) throw new Error(`${family.name}${key}: buckets are not cumulative`);
    });
    if (count !== sorted.at(-1)?.[1]) throw new Error(`${family.name}${key}: _count differs from the +Inf bucket`);
  }
}

export function parsePrometheusText(text: string): Map<string, MetricFamily> {
  const families = new Map<string, MetricFamily>();
  const seen = new Set<string>();
  const lines = text.split('\n');
  if (text.length && lines.at(-1) !== '') throw new ExpositionError(lines.length, 'the exposition must end with a newline');
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const meta = /^#\s+(HELP|TYPE)\s+(\S+)(?:\s(.*))?$/.exec(raw);
    if (meta) {
      const [, kind, name, rest = ''] = meta;
      if (!METRIC_NAME.test(name)) throw new ExpositionError(line, `bad metric name ${JSON.stringify(name)}`);
      const family = families.get(name) ?? { name, type: 'untyped' as MetricType, samples: [] };
      if (kind === 'TYPE') {
        const type = rest.trim() as MetricType;
        if (!TYPES.has(type)) throw new ExpositionError(line, `unknown type ${JSON.stringify(rest)}`);
        if (families.has(name) && (family.samples.length || family.type !== 'untyped' || seen.has(`TYPE ${name}`))) {
          throw new ExpositionError(line, `TYPE of ${name} after its samples or twice`);
        }
        seen.add(`TYPE ${name}`);
        family.type = type;
      } else {
        if (family.help !== undefined) throw new ExpositionError(line, `HELP of ${name} twice`);
        family.help = rest.replace(/\\n/g, '\n').replace(/\\\\/g, '\\');
      }
      families.set(name, family);
      return;
    }
    if (raw.startsWith('#')) return;
    let sample: Sample;
    try {
      sample = parseSample(raw.trim(), line);
    } catch (error) {
      throw new Error(`${(error as Error).message} in ${JSON.stringify(raw)}`);
    }
    let family = familyOf(families, sample.name);
    if (!family) {
      family = { name: sample.name, type: 'untyped', samples: [] };
      families.set(sample.name, family);
    }
    const key = seriesKey(sample);
    if (seen.has(key)) throw new ExpositionError(line, `series ${key} repeated`);
    seen.add(key);
    family.samples.push(sample);
  });
  for (const family of families.values()) if (family.type === 'histogram') checkHistogram(family);
  return families;
}
