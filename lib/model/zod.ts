// eslint-disable-next-line no-restricted-imports -- the one place zod is imported from
import { z } from 'zod';

/**
 * Zod as the app's code imports it. To compile its object parsers zod first probes `new Function`; the pages'
 * Content-Security-Policy has no 'unsafe-eval', so in a browser the probe is refused and reported as a violation
 * (zod catches the error, but the report is made). In the browser, which parses little, zod therefore runs
 * without compiling; the server keeps the compiled parsers. Every browser bundle that parses with zod imports it
 * through this module (ESLint keeps it so), so the setting is made before any schema runs, on every page.
 */
if ('window' in globalThis) z.config({ jitless: true });

export { z };
