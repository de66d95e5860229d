// Jest runs CommonJS without Node's dynamic import() support (that needs an experimental VM
// flag). PGlite's CommonJS build loads Node built-ins with import(); this turns each of those
// into a require of the module-level require (PGlite shadows `require` inside its functions).
'use strict';
module.exports = {
  process(source) {
    const code = source.replace(/\bimport\((["'][^"']+["'])\)/g, 'Promise.resolve().then(() => __moduleRequire($1))');
    return { code: `const __moduleRequire = require;\n${code}` };
  },
};
