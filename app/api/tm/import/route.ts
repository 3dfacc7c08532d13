/**
 * The old address of `/api/memory/import`, kept for callers outside the app: the same handler, nothing of its own.
 */
export const dynamic = 'force-dynamic';

export { POST } from '@/app/api/memory/import/route';
