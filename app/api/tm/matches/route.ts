/**
 * The old address of `/api/memory/matches`, kept for callers outside the app: the same handlers, nothing of its own.
 */
export const dynamic = 'force-dynamic';

export { GET, POST } from '@/app/api/memory/matches/route';
