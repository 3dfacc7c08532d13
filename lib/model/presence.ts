import { z } from 'zod';
import { rowIdSchema } from './schema';

/** An editor page's id, made by the page: it names the page's presence entry and survives its reconnects. */
export const clientIdSchema = z.string().regex(/^[a-z0-9-]{8,40}$/, 'must be 8 to 40 of a-z, 0-9 and -');

/** `POST /api/documents/:slug/presence`: the row this page is in, or null when it is in none. */
export const presenceRequestSchema = z
  .object({
    client: clientIdSchema,
    rowId: rowIdSchema.nullable(),
  })
  .strict();

export type PresenceRequest = z.infer<typeof presenceRequestSchema>;

/** One open editor page, as the `presence` event lists it. */
export interface PresencePerson {
  client: string;
  user: string;
  rowId: string | null;
  at: string;
}

/** The people on a document, one entry each: the row of their most recently moved page. */
export function groupPresence(people: readonly PresencePerson[], exceptClient?: string): { user: string; rowId: string | null }[] {
  const byUser = new Map<string, PresencePerson>();
  for (const p of people) {
    if (p.client === exceptClient) continue;
    const seen = byUser.get(p.user);
    if (!seen || p.at > seen.at || (seen.rowId === null && p.rowId !== null)) byUser.set(p.user, p);
  }
  return [...byUser.values()].map((p) => ({ user: p.user, rowId: p.rowId }));
}
