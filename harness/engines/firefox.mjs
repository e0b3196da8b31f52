// Debian's Firefox ESR for the cross-engine tests (harness/engines/__init__.py), driven by Puppeteer over
// WebDriver BiDi: no browser download, the installed binary is launched as it is.
//
// One JSON command per line on stdin, one JSON reply per line on stdout: {"op": ..., "args": [...]} ->
// {"value": ...} or {"error": "..."}. Each "page" command opens a fresh browser context (its own storage,
// cache and service workers), as a new visitor would arrive.
import { createInterface } from "node:readline";
import puppeteer from "puppeteer-core";

// Firefox reports a CSP violation to the console as a warning that BiDi does not pass on; the event does
// reach the page, so it is turned into an error there, before any of the page's own scripts run.
const REPORT_VIOLATIONS = `document.addEventListener("securitypolicyviolation", (e) =>
  console.error("CSP violation: " + e.violatedDirective + " " + e.blockedURI));`;

const browser = await puppeteer.launch({
  browser: "firefox",
  executablePath: process.env.FIREFOX,
  headless: true,
});
let context = null;
let page = null;
let errors = [];

const ops = {
  async version() {
    return browser.version();
  },
  async page() {
    if (context) await context.close();
    context = await browser.createBrowserContext();
    page = await context.newPage();
    errors = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(String(error && error.message ? error.message : error)));
    await page.evaluateOnNewDocument(REPORT_VIOLATIONS);
  },
  async goto(url) {
    await page.goto(url, { waitUntil: "load" });
  },
  async reload() {
    await page.reload({ waitUntil: "load" });
  },
  async evaluate(source, arg) {
    return page.evaluate(new Function("return (" + source + ")")(), arg);
  },
  async click(selector) {
    await page.click(selector);
  },
  async fill(selector, text) {
    await page.$eval(selector, (element) => {
      element.value = "";
    });
    await page.type(selector, text);
  },
  async select(selector, value) {
    await page.select(selector, value);
  },
  async errors() {
    return errors;
  },
};

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  const { op, args } = JSON.parse(line);
  let reply;
  try {
    const value = await ops[op](...(args || []));
    reply = { value: value === undefined ? null : value };
  } catch (error) {
    reply = { error: String(error && error.stack ? error.stack : error) };
  }
  process.stdout.write(JSON.stringify(reply) + "\n");
}
if (context) await context.close();
await browser.close();
