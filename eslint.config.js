// @ts-check
const eslint = require('@eslint/js');
const { defineConfig } = require('eslint/config');
const tseslint = require('typescript-eslint');
const angular = require('angular-eslint');

/*
 * Layering (CONTRIBUTING.md). A relative import is read as written: `../` repeated, then a layer's
 * folder, is an import of that layer (`../../core/auth/x` from a feature is core's internals). So
 * do not give an inner folder the name of a layer that lies above it.
 */
const FEATURES = ['balances', 'sessions', 'layout'];
/** Test code: specs, their helpers, and `testing/` folders (src/app/testing and a feature's own). */
const TEST_FILES = ['**/*.spec.ts', '**/*.spec-helper.ts', '**/testing/**'];

/** An import that climbs out with `../` and then names `target` (a regex source). */
const climbsTo = (target, message) => ({ regex: `^(\\.\\./)+${target}`, message });

const appRoot = climbsTo(
  'app(\\.config|\\.routes)?$',
  'Only src/main.ts imports the app root (app.ts, app.config.ts, app.routes.ts).',
);
const testingFromTestsOnly = climbsTo(
  'testing(/|$)',
  'src/app/testing/ is for test code only: *.spec.ts, *.spec-helper.ts and testing/ folders.',
);

/** Features a layer may not touch at all, or only through their index.ts. */
const otherFeatures = (feature) => FEATURES.filter((f) => f !== feature).join('|');

/** A feature re-exporting another layer is a re-export folder in the making: import at the use. */
const noReexportOf = (target) =>
  ['ExportNamedDeclaration', 'ExportAllDeclaration'].map((node) => ({
    selector: `${node}[source.value=/^(\\.\\.\\x2F)+(${target})(\\x2F|$)/]`,
    message:
      'A feature does not re-export core or another feature: import from their index.ts where the name is used.',
  }));

/**
 * Each layer's rules. Code outside tests also keeps out of src/app/testing, except where
 * `noTestingException` says the layer's tests obey exactly the same list (shared, testing itself).
 */
const layers = [
  {
    name: 'core',
    rules: [
      climbsTo(
        `(${FEATURES.join('|')})(/|$)`,
        'core/ never imports a feature (balances, sessions, layout): features build on core, not the reverse. Move what both need into core, or let the feature react to core actions.',
      ),
      climbsTo(
        'testing/initial-app-state$',
        "core/ specs do not use testing/initial-app-state: it holds every feature's state. Build the core slices the spec needs.",
      ),
      appRoot,
    ],
  },
  {
    name: 'shared',
    rules: [
      climbsTo(
        `(core|${FEATURES.join('|')}|testing)(/|$)`,
        'shared/ holds pure helpers and imports nothing of the app (no core, feature, testing or app root); packages are fine.',
      ),
      appRoot,
    ],
    noTestingException: true,
  },
  ...FEATURES.map((feature) => ({
    name: feature,
    rules: [
      climbsTo(
        'core/',
        "A feature reaches core only through its public entry, the core folder itself ('../core', '../../core': core/index.ts); export there what is missing.",
      ),
      climbsTo(
        `(${otherFeatures(feature)})/`,
        "Another feature is reached only through its index.ts (e.g. '../../balances'), never its internals.",
      ),
      appRoot,
    ],
    syntax: noReexportOf(`core|${otherFeatures(feature)}`),
  })),
  { name: 'testing', rules: [appRoot], noTestingException: true },
];

/** Reducers are pure: the time they record comes in the action, never from the clock. */
const PURE_REDUCER =
  'A reducer is pure: take the time (or randomness) from the action, e.g. `at: Date.now()` set by the effect that dispatches it.';
const clockInReducer = [
  "CallExpression[callee.object.name='Date'][callee.property.name='now']",
  "NewExpression[callee.name='Date'][arguments.length=0]",
  "CallExpression[callee.object.name='Math'][callee.property.name='random']",
  "CallExpression[callee.object.name='crypto']",
].map((selector) => ({ selector, message: PURE_REDUCER }));
/** Where reducers live: `createFeature` in `x.feature.ts`. */
const REDUCER_FILES = '**/*.feature.ts';

/** `import()` is not seen by no-restricted-imports: the same patterns, as selectors. */
const dynamicImport = ({ regex, message }) => ({
  selector: `ImportExpression[source.value=/${regex.replaceAll('/', '\\x2F')}/]`,
  message,
});

const rulesFor = (patterns, syntax = []) => ({
  'no-restricted-imports': ['error', { patterns }],
  'no-restricted-syntax': ['error', ...patterns.map(dynamicImport), ...syntax],
});

/**
 * One block for a layer's code and one for its test code, each with the complete list: a rule's
 * options from two matching blocks are not merged, the later replaces the earlier.
 */
const layering = layers.flatMap(({ name, rules, syntax, noTestingException }) => {
  const files = [`src/app/${name}/**/*.ts`];
  if (noTestingException) return [{ files, rules: rulesFor(rules, syntax) }];
  return [
    { files, ignores: TEST_FILES, rules: rulesFor([...rules, testingFromTestsOnly], syntax) },
    {
      files: [`src/app/${name}/${REDUCER_FILES}`],
      ignores: TEST_FILES,
      rules: rulesFor([...rules, testingFromTestsOnly], [...(syntax ?? []), ...clockInReducer]),
    },
    { files: TEST_FILES.map((glob) => `src/app/${name}/${glob}`), rules: rulesFor(rules, syntax) },
  ];
});
/** Benchmarks run the app's logic in Node, so they reach only the parts of it free of Angular. */
const benchLayering = {
  files: ['clearnode/bench/co-signing/**/*.ts'],
  rules: rulesFor([
    climbsTo(
      'src/app/(?!sessions/co-signing/|shared/)',
      'A benchmark runs in Node without Angular: from src/app it imports only sessions/co-signing/ and shared/ (pure TypeScript).',
    ),
  ]),
};
/** The UI benchmark measures the built app through a browser: it imports none of its code. */
const uiBenchLayering = {
  files: ['bench/ui/**/*.ts'],
  rules: rulesFor([
    climbsTo(
      'src/',
      'The UI benchmark drives the production build in a browser: it imports nothing from src/.',
    ),
  ]),
};
/** The app root composes the features (lazy routes name their pages); it only keeps out of testing/. */
const appRootLayering = {
  files: ['src/app/*.ts'],
  ignores: TEST_FILES,
  rules: rulesFor([{ ...testingFromTestsOnly, regex: '^\\./testing(/|$)' }]),
};

module.exports = defineConfig([
  {
    ignores: [
      'dist/**',
      'coverage/**',
      '.angular/**',
      'node_modules/**',
      '.clearnode/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  {
    files: ['src/**/*.ts'],
    extends: [
      eslint.configs.recommended,
      tseslint.configs.recommended,
      tseslint.configs.stylistic,
      angular.configs.tsRecommended,
    ],
    processor: angular.processInlineTemplates,
    rules: {
      '@angular-eslint/directive-selector': [
        'error',
        { type: 'attribute', prefix: 'app', style: 'camelCase' },
      ],
      '@angular-eslint/component-selector': [
        'error',
        { type: 'element', prefix: 'app', style: 'kebab-case' },
      ],
      '@angular-eslint/prefer-on-push-component-change-detection': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  ...layering,
  appRootLayering,
  {
    files: ['src/**/*.html'],
    extends: [angular.configs.templateRecommended, angular.configs.templateAccessibility],
  },
  {
    files: ['clearnode/**/*.ts', 'e2e/**/*.ts', 'bench/**/*.ts', 'playwright.config.ts'],
    extends: [eslint.configs.recommended, tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  benchLayering,
  uiBenchLayering,
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    extends: [eslint.configs.recommended],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
      },
    },
  },
]);
