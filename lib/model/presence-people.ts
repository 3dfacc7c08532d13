/* Who is where in a document, with no schema: the editor's page groups the presence events (presence.ts validates). */

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
