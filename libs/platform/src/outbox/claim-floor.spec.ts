import { ClaimFloor } from './claim-floor';

type Step = { at: number; claim: bigint | null } | { at: number; published: string[] } | { at: number; failed: string; parked?: boolean };

/** Each step: a claim at `at` ms must start after `claim` (null: the whole outbox), or rows were published or failed then. */
function run(steps: Step[]): void {
  const floor = new ClaimFloor(1_000, 75_000);
  steps.forEach((step, i) => {
    if ('claim' in step) expect({ step: i, after: floor.next(step.at) }).toEqual({ step: i, after: step.claim });
    else if ('published' in step) floor.published(step.published);
    else floor.failed(step.failed, step.parked ?? false, step.at);
  });
}

/** Two full claims after seq 30 was published: from 2,000 ms on, claims start past 30. */
const floorAt30: Step[] = [
  { at: 0, claim: null },
  { at: 1, published: ['30'] },
  { at: 1_000, claim: null },
  { at: 2_000, claim: null },
];

describe(ClaimFloor.name, () => {
  it.each<[string, Step[]]>([
    [
      'the first claim looks at everything, and so do the next ones until two full claims have passed',
      [
        { at: 0, claim: null },
        { at: 0, published: ['1', '2', '3'] },
        { at: 10, claim: null },
        { at: 1_000, claim: null },
        { at: 1_010, claim: null },
      ],
    ],
    [
      'after two full claims, claims start past the highest seq published as of the full claim before the last',
      [
        { at: 0, claim: null },
        { at: 5, published: ['10', '11'] },
        { at: 1_000, claim: null },
        { at: 1_005, published: ['12', '40'] },
        { at: 1_500, claim: null },
        { at: 2_000, claim: null },
        { at: 2_001, claim: 11n },
        { at: 2_999, claim: 11n },
        { at: 3_000, claim: null },
        { at: 3_001, claim: 40n },
      ],
    ],
    [
      'one claim per period still looks at the whole outbox (a row that committed late is never lost)',
      [
        { at: 0, claim: null },
        { at: 1, published: ['5'] },
        { at: 1_000, claim: null },
        { at: 1_001, claim: null },
        { at: 1_002, published: ['9'] },
        { at: 2_000, claim: null },
        { at: 2_500, claim: 5n },
        { at: 3_000, claim: null },
        { at: 3_001, claim: 9n },
      ],
    ],
    [
      'the floor never goes down when older rows are published late',
      [
        { at: 0, claim: null },
        { at: 1, published: ['50'] },
        { at: 2, published: ['7'] },
        { at: 1_000, claim: null },
        { at: 2_000, claim: null },
        { at: 2_001, claim: 50n },
      ],
    ],
    [
      'a row that failed holds the floor below it until it is published',
      [
        ...floorAt30,
        { at: 2_001, claim: 30n },
        { at: 2_002, failed: '20' },
        { at: 2_003, claim: 19n },
        { at: 2_004, published: ['20'] },
        { at: 2_005, claim: 30n },
      ],
    ],
    [
      'a failed row above the floor changes nothing; the lowest failed row is the one held',
      [
        ...floorAt30,
        { at: 2_002, failed: '35' },
        { at: 2_003, claim: 30n },
        { at: 2_004, failed: '25' },
        { at: 2_005, failed: '28' },
        { at: 2_006, claim: 24n },
      ],
    ],
    [
      'a parked row holds nothing',
      [
        ...floorAt30,
        { at: 2_002, failed: '20' },
        { at: 2_003, claim: 19n },
        { at: 2_004, failed: '20', parked: true },
        { at: 2_005, claim: 30n },
      ],
    ],
    [
      'a held row is let go after the hold time (another replica may have published it)',
      [...floorAt30, { at: 2_002, failed: '20' }, { at: 2_003, claim: 19n }, { at: 77_002, claim: null }, { at: 77_003, claim: 30n }],
    ],
  ])('%s', (_name, steps) => run(steps));
});
