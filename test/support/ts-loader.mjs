/**
 * Node module hooks that let a child process run the project's TypeScript sources directly, with no
 * prior build and no extra package: each .ts file is transpiled on load by the `typescript` package
 * (types are not checked here; `tsc -p tsconfig.test.json` does that), and the `./x.js` specifiers
 * the sources use (NodeNext style) are resolved to the `./x.ts` file next to the importer.
 *
 * Used by the durability test and the start-up test: node --import ./test/support/register-ts.mjs file.ts
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const compilerOptions = {
  module: ts.ModuleKind.ESNext,
  target: ts.ScriptTarget.ES2022,
  useDefineForClassFields: false,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  esModuleInterop: true,
  inlineSourceMap: true,
  inlineSources: true,
};

export async function resolve(specifier, context, nextResolve) {
  const parent = context.parentURL;
  if (parent && parent.endsWith('.ts') && /^\.{1,2}\//.test(specifier) && specifier.endsWith('.js')) {
    const candidate = new URL(`${specifier.slice(0, -3)}.ts`, parent);
    if (existsSync(fileURLToPath(candidate))) return { url: candidate.href, format: 'module', shortCircuit: true };
  }
  // A module named by its compiled URL (new URL('./x.js', import.meta.url) in a source, as a projection's
  // rebuild fold is): the source beside it when there is no compiled file.
  if (specifier.startsWith('file:') && specifier.endsWith('.js') && !existsSync(fileURLToPath(specifier))) {
    const candidate = `${specifier.slice(0, -3)}.ts`;
    if (existsSync(fileURLToPath(candidate))) return { url: candidate, format: 'module', shortCircuit: true };
  }
  return nextResolve(specifier, context);
}

export async function load(url, context, nextLoad) {
  if (url.startsWith('file:') && url.endsWith('.ts')) {
    const fileName = fileURLToPath(url);
    const { outputText } = ts.transpileModule(await readFile(fileName, 'utf8'), { fileName, compilerOptions });
    return { format: 'module', source: outputText, shortCircuit: true };
  }
  return nextLoad(url, context);
}
