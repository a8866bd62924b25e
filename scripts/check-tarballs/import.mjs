// The ES module user: every package loaded with import().
import { runChecks } from './run-checks.mjs';

await runChecks((id) => import(id), 'import');
