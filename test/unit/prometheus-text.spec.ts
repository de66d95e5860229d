import { parsePrometheusText } from '../support/prometheus-text';

describe(parsePrometheusText.name, () => {
  it('reads families with their type, help, labels (escapes included) and values', () => {
    const families = parsePrometheusText(
      [
        '# HELP requests_total Requests\\nanswered',
        '# TYPE requests_total counter',
        'requests_total{route="/a/:id",note="say \\"hi\\"\\\\"} 3',
        'requests_total{route="/b"} 1e3 1700000000000',
        '# a comment',
        'temperature -Inf',
        '',
      ].join('\n'),
    );
    expect(families.get('requests_total')).toEqual({
      name: 'requests_total',
      type: 'counter',
      help: 'Requests\nanswered',
      samples: [
        { name: 'requests_total', labels: { route: '/a/:id', note: 'say "hi"\\' }, value: 3 },
        { name: 'requests_total', labels: { route: '/b' }, value: 1000 },
      ],
    });
    expect(families.get('temperature')).toMatchObject({ type: 'untyped', samples: [{ value: -Infinity }] });
  });

  it('groups a histogram’s buckets, sum and count under its family', () => {
    const families = parsePrometheusText(
      [
        '# TYPE latency histogram',
        'latency_bucket{le="0.1",route="/a"} 1',
        'latency_bucket{le="+Inf",route="/a"} 2',
        'latency_sum{route="/a"} 0.4',
        'latency_count{route="/a"} 2',
        '',
      ].join('\n'),
    );
    expect(families.get('latency')?.samples.map((s) => s.name)).toEqual([
      'latency_bucket',
      'latency_bucket',
      'latency_sum',
      'latency_count',
    ]);
  });

  it.each([
    ['a value that is not a number', 'x 1,5\n'],
    ['a bad metric name', '1x 1\n'],
    ['a bad label name', 'x{1a="b"} 1\n'],
    ['an unquoted label value', 'x{a=b} 1\n'],
    ['an unclosed label value', 'x{a="b} 1\n'],
    ['a repeated label', 'x{a="1",a="2"} 1\n'],
    ['a repeated series', 'x{a="1"} 1\nx{a="1"} 2\n'],
    ['an unknown type', '# TYPE x countr\nx 1\n'],
    ['a TYPE after the samples', 'x 1\n# TYPE x counter\n'],
    ['a missing final newline', 'x 1'],
    ['a histogram without +Inf', '# TYPE h histogram\nh_bucket{le="1"} 1\nh_count 1\n'],
    ['a histogram whose count is not its +Inf bucket', '# TYPE h histogram\nh_bucket{le="+Inf"} 1\nh_count 2\n'],
    ['non-cumulative buckets', '# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_count 1\n'],
  ])('refuses %s', (_what, text) => {
    expect(() => parsePrometheusText(text)).toThrow();
  });
});
