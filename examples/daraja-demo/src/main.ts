import { runDemo } from './demo.js';

const quiet = process.argv.includes('--quiet');
const payments = await runDemo(quiet ? undefined : console.log);
const outcome = payments.map((p) => `${p.phone}=${p.callback.status}`).join(' ');
const expected = '254708374149=completed 254733333333=cancelled 254708374150=failed';
if (outcome !== expected) {
  console.error(`Unexpected outcome: ${outcome}\nExpected:           ${expected}`);
  process.exit(1);
}
console.log(
  quiet
    ? `daraja demo: ${outcome}`
    : '\nAll three payments settled as expected. See packages/daraja/README.md to use it in your app.',
);
