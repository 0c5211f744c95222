// Karma runs the unit tests in headless Chromium found by .ci/find-browser.cjs.
const path = require('node:path');
const { findBrowser, CHROMIUM_FLAGS } = require('./.ci/find-browser.cjs');

process.env.CHROME_BIN = findBrowser();

/** Prints the one summary line the test aggregator and CI read: `N passed, N failed`. */
function SummaryReporter(baseReporterDecorator) {
  baseReporterDecorator(this);
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  this.onSpecComplete = (_browser, result) => {
    if (result.skipped || result.pending) skipped++;
    else if (result.success) passed++;
    else failed++;
  };
  this.onRunComplete = (_browsers, results) => {
    if (results.error && passed + failed === 0) failed++;
    this.write(`unit: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  };
}
SummaryReporter.$inject = ['baseReporterDecorator'];

module.exports = function (config) {
  config.set({
    basePath: '',
    frameworks: ['jasmine'],
    plugins: [
      require('karma-jasmine'),
      require('karma-chrome-launcher'),
      require('karma-coverage'),
      { 'reporter:summary': ['type', SummaryReporter] },
    ],
    client: { jasmine: { random: true } },
    coverageReporter: {
      dir: path.join(__dirname, 'coverage'),
      subdir: '.',
      reporters: [{ type: 'text-summary' }],
    },
    reporters: ['dots', 'summary'],
    customLaunchers: {
      ChromiumHeadlessAsRoot: { base: 'ChromeHeadless', flags: CHROMIUM_FLAGS },
    },
    browsers: ['ChromiumHeadlessAsRoot'],
    browserNoActivityTimeout: 60000,
    singleRun: true,
    restartOnFileChange: false,
  });
};
