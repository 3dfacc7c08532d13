import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { ReactElement } from 'react';

/**
 * react-dom/server, loaded at run time from node_modules rather than bundled (`turbopackIgnore`). Next bundles
 * route handlers for React Server Components, where react-dom/server may not be imported; the reader's components
 * are plain functions of their props (no hooks, no context), so the elements they make render the same with this
 * copy of React.
 */
const runtimeRequire = createRequire(/*turbopackIgnore: true*/ fileURLToPath(import.meta.url));

/** A page of its own as an HTML document: `<!DOCTYPE html>`, then the element rendered to static markup. */
export function renderHtmlDocument(page: ReactElement): string {
  const server = runtimeRequire(/*turbopackIgnore: true*/ 'react-dom/server') as typeof import('react-dom/server');
  return `<!DOCTYPE html>\n${server.renderToStaticMarkup(page)}\n`;
}

/**
 * The text of stylesheets to inline, in order. Each is named by a file: URL, as a module names the CSS beside it
 * (`new URL('./x.css', import.meta.url)`), so it is found wherever the app runs from.
 */
export async function readStylesheets(files: readonly URL[]): Promise<string> {
  const texts = await Promise.all(files.map((file) => readFile(/*turbopackIgnore: true*/ file, 'utf8')));
  return texts.join('\n');
}
