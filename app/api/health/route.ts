export const dynamic = 'force-dynamic';

/** Liveness for the test runner and deployments. */
export function GET() {
  return Response.json({ ok: true });
}
