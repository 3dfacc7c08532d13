import { getFontVersion, readFontFile } from '@/lib/export/fonts';

/**
 * The Naskh face's files from the npm package, for the pages the app writes itself (the public reading pages,
 * whose @font-face rules point here). The package version is in the address, so a file never changes under it:
 * cached for a year. Only the package's own font files are served; anything else is 404.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ version: string; file: string }> }) {
  const { version, file } = await params;
  const data = version === getFontVersion() ? await readFontFile(file) : null;
  if (!data) return new Response('not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
  return new Response(new Uint8Array(data), {
    headers: {
      'content-type': file.endsWith('.woff2') ? 'font/woff2' : 'font/woff',
      'cache-control': 'public, max-age=31536000, immutable',
    },
  });
}
