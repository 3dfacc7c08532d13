import { z } from 'zod';

/**
 * Imported first by the browser code that parses with zod: the editor, and the library's import form (its slug
 * and language checks). Zod probes `new Function` to compile its parsers; the app's Content-Security-Policy has
 * no 'unsafe-eval', so the browser refuses the probe and reports a violation even though zod catches it. In the
 * browser, which parses little, zod runs without compiling.
 */
z.config({ jitless: true });
