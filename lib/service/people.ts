import { getUserStore } from '@/lib/auth/user-store';

/**
 * The names people are shown by: a user's display name (set with `npm run user -- name NAME --display "…"`),
 * else their user name. Footnotes, "published by" and the row history use these, never the sign-in name alone.
 */
export async function getDisplayNames(): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  try {
    for (const u of (await getUserStore().list()) ?? []) names.set(u.name, u.displayName ?? u.name);
  } catch (e) {
    // A broken users file must not take history or publishing down with it: names are shown as they are.
    console.error(`users: ${e instanceof Error ? e.message : String(e)}`);
  }
  return names;
}

/** The display name of each of `users` that has one (the others are left out: shown as they are). */
export async function getDisplayNamesOf(users: Iterable<string | null>): Promise<Record<string, string>> {
  const all = await getDisplayNames();
  const out: Record<string, string> = {};
  for (const u of users) if (u && all.has(u) && all.get(u) !== u) out[u] = all.get(u)!;
  return out;
}
