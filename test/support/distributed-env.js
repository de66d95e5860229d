// Selects the distributed topology for the e2e specs (see test/support/target.ts).
process.env.E2E_TOPOLOGY = 'distributed';
