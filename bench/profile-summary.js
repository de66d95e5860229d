#!/usr/bin/env node
// Where the time goes: self time of a V8 .cpuprofile grouped by package (or our own code) and the
// top functions. Usage: node bench/profile-summary.js <file.cpuprofile> [topN] [from-to]
// from-to (seconds since the profile started, e.g. 12.5-17) keeps only the samples in that window;
// PROFILE_TIMELINE=1 prints the busy share (not idle) of each half second first, to find the window.
'use strict';
const { readFileSync } = require('node:fs');

const [file, topArg, windowArg] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node bench/profile-summary.js <file.cpuprofile> [topN]\n');
  process.exit(2);
}
const top = Number(topArg || 25);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfTime = new Map();
const deltas = profile.timeDeltas;
const [fromS, toS] = windowArg ? windowArg.split('-').map(Number) : [0, Infinity];
const timeline = [];
let at = 0;
for (let i = 0; i < profile.samples.length; i += 1) {
  at += deltas[i] || 0;
  const node = byId.get(profile.samples[i]);
  const half = Math.floor(at / 5e5);
  timeline[half] = timeline[half] || { busy: 0, all: 0 };
  timeline[half].all += deltas[i] || 0;
  if (node.callFrame.functionName !== '(idle)') timeline[half].busy += deltas[i] || 0;
  if (at / 1e6 < fromS || at / 1e6 >= toS) continue;
  selfTime.set(profile.samples[i], (selfTime.get(profile.samples[i]) || 0) + (deltas[i] || 0));
}
if (process.env.PROFILE_TIMELINE === '1') {
  process.stdout.write('busy per half second:\n');
  timeline.forEach(
    (t, i) =>
      t && process.stdout.write(`${(i / 2).toFixed(1).padStart(6)} s ${((100 * t.busy) / Math.max(1, t.all)).toFixed(0).padStart(4)}%\n`),
  );
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
