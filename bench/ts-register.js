// Lets a bench script require the services' TypeScript sources directly (no build): each .ts file is
// transpiled on load with the repository's compiler options, and the @helpdesk/* aliases resolve to libs/.
'use strict';
const Module = require('node:module');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const ts = require('typescript');

const ROOT = join(__dirname, '..');
const ALIASES = { '@helpdesk/contracts': join(ROOT, 'libs/contracts/src'), '@helpdesk/platform': join(ROOT, 'libs/platform/src') };
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  for (const [alias, target] of Object.entries(ALIASES)) {
    if (request === alias || request.startsWith(`${alias}/`)) return resolve.call(this, target + request.slice(alias.length), ...rest);
  }
  return resolve.call(this, request, ...rest);
};
require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      esModuleInterop: true,
    },
  });
  module._compile(outputText, filename);
};
require('reflect-metadata');
