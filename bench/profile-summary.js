#!/usr/bin/env node
// Where the time goes: self time of a V8 .cpuprofile grouped by package (or our own code) and the
// top functions. Usage: node bench/profile-summary.js <file.cpuprofile> [topN]
'use strict';
const { readFileSync } = require('node:fs');

const [file, topArg] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node bench/profile-summary.js <file.cpuprofile> [topN]\n');
  process.exit(2);
}
const top = Number(topArg || 25);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfTime = new Map();
const deltas = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i += 1) {
  selfTime.set(profile.samples[i], (selfTime.get(profile.samples[i]) || 0) + (deltas[i] || 0));
}
const total = [...selfTime.values()].reduce((a, b) => a + b, 0);

function area(url) {
  if (!url) return '(native/idle/gc)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.startsWith('node:')) return 'node core';
  if (url.includes('dist/apps')) return 'helpdesk code';
  return url;
}

const byArea = new Map();
const byFunction = new Map();
for (const [id, time] of selfTime) {
  const node = byId.get(id);
  const cf = node.callFrame;
  const key = area(cf.url);
  byArea.set(key, (byArea.get(key) || 0) + time);
  const fn = `${cf.functionName || '(anonymous)'} ${cf.url ? cf.url.replace(/^.*node_modules\//, '') : ''}:${cf.lineNumber + 1}`;
  byFunction.set(fn, (byFunction.get(fn) || 0) + time);
}
const pct = (t) => `${((100 * t) / total).toFixed(1).padStart(5)}%`;
process.stdout.write(`total sampled: ${(total / 1e6).toFixed(1)} s\n\nby package:\n`);
for (const [k, t] of [...byArea].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`${pct(t)}  ${k}\n`);
process.stdout.write('\ntop functions (self time):\n');
for (const [k, t] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`${pct(t)}  ${k}\n`);
