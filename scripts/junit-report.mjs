// Reads the test reports of `mvn verify` with an XML parser and prints one JSON object for scripts/test.sh:
//   {"tests", "failures", "errors", "skipped", "classes": the sums of the Surefire reports' <testsuite> counts,
//    "skips": ["Class.method: reason", ...] every skipped test case, then every test class JUnit aborted as a
//             whole ("Class (the whole class): reason", from JUnit's open test report, which Surefire leaves out),
//    "downloads": [{"test": "Class.method", "kind": "error" or "failure", "message": "cannot download <url>: ..."}]
//             the tests that failed only because a pinned file could not be downloaded (CRD_DOWNLOAD=1 without
//             network; the program's CrdStore says "cannot download <url>: <reason>")}
// usage: node scripts/junit-report.mjs SUREFIRE_REPORTS_DIR OPEN_TEST_REPORTS_DIR
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';

const [surefireDir, openTestDir] = process.argv.slice(2);
if (!surefireDir || !openTestDir) {
  console.error('usage: node scripts/junit-report.mjs SUREFIRE_REPORTS_DIR OPEN_TEST_REPORTS_DIR');
  process.exit(2);
}

const files = (dir, pattern) =>
  existsSync(dir) ? readdirSync(dir).filter((f) => pattern.test(f)).sort().map((f) => join(dir, f)) : [];

const parse = (file) =>
  new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new Error(`${file}: ${message}`);
    },
  }).parseFromString(readFileSync(file, 'utf8'), 'text/xml');

// Every element under node, in document order, whatever its namespace.
function* elements(node) {
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 1) {
      yield child;
      yield* elements(child);
    }
  }
}
const children = (node, name) => [...node.childNodes].filter((c) => c.nodeType === 1 && c.localName === name);
const count = (element, name) => Number.parseInt(element.getAttribute(name) || '0', 10) || 0;
const shortName = (name) => name.replace(/.*\./, '');
const oneLine = (text) => text.replace(/[\r\n]/g, ' ');

// Why a test did not run: the message attribute, else the first line of the stack trace without its exception type.
const reason = (element) => {
  let text = oneLine(element.getAttribute('message') || '');
  if (text === '') {
    text = (element.textContent || '').split('\n')[0].replace(/^[A-Za-z0-9_.$]+: /, '');
  }
  return text === '' ? 'no reason given' : text;
};

const report = { tests: 0, failures: 0, errors: 0, skipped: 0, classes: 0, skips: [], downloads: [] };

for (const file of files(surefireDir, /^TEST-.*\.xml$/)) {
  for (const element of elements(parse(file))) {
    if (element.localName === 'testsuite') {
      report.tests += count(element, 'tests');
      report.failures += count(element, 'failures');
      report.errors += count(element, 'errors');
      report.skipped += count(element, 'skipped');
      report.classes += 1;
    } else if (element.localName === 'testcase') {
      const test = `${shortName(element.getAttribute('classname'))}.${element.getAttribute('name')}`;
      for (const skipped of children(element, 'skipped')) report.skips.push(`${test}: ${reason(skipped)}`);
      for (const failed of [...children(element, 'error'), ...children(element, 'failure')]) {
        const message = reason(failed);
        if (/^cannot download \S+/.test(message)) report.downloads.push({ test, kind: failed.localName, message });
      }
    }
  }
}

for (const file of files(openTestDir, /\.xml$/)) {
  const containers = new Map();
  for (const element of elements(parse(file))) {
    if (element.localName === 'started') {
      const metadata = children(element, 'metadata')[0];
      const field = (name) => (metadata ? children(metadata, name)[0]?.textContent : undefined);
      if (field('type') === 'CONTAINER') {
        const legacy = field('legacyReportingName');
        containers.set(element.getAttribute('id'), legacy ? shortName(legacy) : element.getAttribute('name'));
      }
    } else if (element.localName === 'finished' && containers.has(element.getAttribute('id'))) {
      const result = children(element, 'result')[0];
      if (result?.getAttribute('status') === 'ABORTED') {
        const why = children(result, 'reason')[0] || children(result, 'throwable')[0] || result;
        report.skips.push(`${containers.get(element.getAttribute('id'))} (the whole class): ${reason(why)}`);
      }
    }
  }
}

process.stdout.write(`${JSON.stringify(report)}\n`);
