import { redirect } from 'next/navigation';
import { getCurrentUser, type RequestUser } from './current-user';

/**
 * The signed-in person for a page, or a redirect to sign-in. The proxy already sends people without a session
 * cookie there; this catches a cookie that no longer names a user.
 */
export async function requirePageUser(locale: string, next: string): Promise<RequestUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/${locale}/sign-in?next=${encodeURIComponent(next)}`);
  return user;
}
