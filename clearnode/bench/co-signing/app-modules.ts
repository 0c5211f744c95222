/**
 * Lets Node load the app's pure modules (src/app/…) as they are written for the Angular builder:
 * relative imports without an extension, in a package whose package.json names no module type.
 * Loaded with `--import` before the benchmark, so the benchmark runs the app's own code.
 */
import { registerHooks } from 'node:module';

const APP_SOURCES = new URL('../../../src/app/', import.meta.url).href;
const RELATIVE = /^\.\.?\//;
const HAS_EXTENSION = /\.[cm]?[jt]s$/;

registerHooks({
  resolve(specifier, context, nextResolve) {
    const fromApp = context.parentURL?.startsWith(APP_SOURCES) ?? false;
    const target =
      fromApp && RELATIVE.test(specifier) && !HAS_EXTENSION.test(specifier)
        ? `${specifier}.ts`
        : specifier;
    const resolved = nextResolve(target, context);
    // Declared here, so Node neither guesses the module type nor warns about guessing.
    return resolved.url.startsWith(APP_SOURCES) && resolved.url.endsWith('.ts')
      ? { ...resolved, format: 'module-typescript' }
      : resolved;
  },
});
