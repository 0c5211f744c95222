// Finds the Chromium that Karma and Playwright drive. Order: $CHROME_BIN, then the usual
// install paths. Run as a script it also installs Debian's `chromium` when none is found on a
// Debian/Ubuntu machine where we are root; otherwise it says exactly what to install.
const { existsSync, readFileSync } = require('node:fs');
const { execFileSync } = require('node:child_process');

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** Flags that let headless Chromium run as root on a machine without outside network. */
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

function locateBrowser() {
  const fromEnv = process.env.CHROME_BIN;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return CANDIDATES.find((path) => existsSync(path)) ?? null;
}

function isDebianLike() {
  try {
    return /\b(debian|ubuntu)\b/i.test(readFileSync('/etc/os-release', 'utf8'));
  } catch {
    return false;
  }
}

const INSTALL_HINT =
  'No Chromium or Chrome found. Install one (Debian/Ubuntu: `sudo apt-get install chromium`; ' +
  'macOS: Google Chrome) or set CHROME_BIN to its executable.';

/** Returns the browser path, or throws with the install hint. */
function findBrowser() {
  const found = locateBrowser();
  if (!found) throw new Error(INSTALL_HINT);
  return found;
}

/** Like findBrowser, but installs Debian's chromium first when that is possible here. */
function ensureBrowser({ quiet = false } = {}) {
  const found = locateBrowser();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isDebianLike() || !isRoot) throw new Error(INSTALL_HINT);
  if (!quiet) console.log('Chromium not found: installing Debian package `chromium`…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
  return findBrowser();
}

module.exports = { findBrowser, ensureBrowser, CHROMIUM_FLAGS };

if (require.main === module) {
  try {
    const path = ensureBrowser({ quiet: process.argv.includes('--quiet') });
    if (!process.argv.includes('--quiet')) console.log(path);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
