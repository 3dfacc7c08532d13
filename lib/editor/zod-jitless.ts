import { z } from 'zod';

/**
 * Imported first by the editor, the browser code that parses with zod. Zod probes `new Function` to compile its object parsers;
 * the app's Content-Security-Policy has no 'unsafe-eval', so the browser refuses the probe and reports a
 * violation even though zod catches it. In the browser, which parses little, zod runs without compiling.
 */
z.config({ jitless: true });
