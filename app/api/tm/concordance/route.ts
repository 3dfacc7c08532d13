/**
 * The old address of `/api/memory/concordance`, kept for callers outside the app: the same handler, nothing of its own.
 */
export const dynamic = 'force-dynamic';

export { GET } from '@/app/api/memory/concordance/route';
