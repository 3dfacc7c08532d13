/** Runs once as the server starts (Next's instrumentation hook). */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { guardForwardedHeaders } = await import('./lib/http/front-door');
    guardForwardedHeaders();
  }
}
