// Jest (30, on Node 20) cannot require ES modules, and NestJS 12 ships only ES modules: this
// transform turns the ESM files of node_modules into CommonJS for the test runs (int, e2e).
// Files that are already CommonJS pass through untouched.
const ts = require('typescript');
const crypto = require('node:crypto');

const ESM = /^\s*(import\s*[\w{*'"]|export\s)/m;

module.exports = {
  getCacheKey(source, path) {
    return crypto.createHash('sha1').update('esm-to-cjs-3').update(path).update(source).digest('hex');
  },
  process(source, path) {
    if (!ESM.test(source)) return { code: source };
    // import.meta has no CommonJS meaning: give it the module's own file.
    const src = source
      .replace(/\bimport\.meta\.url\b/g, 'require("node:url").pathToFileURL(__filename).href')
      .replace(/\bimport\.meta\.dirname\b/g, '__dirname')
      .replace(/\bimport\.meta\.filename\b/g, '__filename')
      // `const require = createRequire(...)` would clash with CommonJS's own `require`.
      .replace(/^(\s*)(?:const|let|var)\s+require\s*=/gm, '$1require =');
    const out = ts.transpileModule(src, {
      fileName: path,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, allowJs: true, esModuleInterop: true, sourceMap: false },
    });
    return { code: out.outputText };
  },
};
