import type { ApiRequest } from './http';
import { sessionRoutes } from './routes';
import type { SessionUser, SignInRequest } from './types';

/** Signing in and out. */
export function sessionApi(request: ApiRequest) {
  return {
    /** Who is signed in, or null. */
    getSession: () => request<{ user: SessionUser | null }>(sessionRoutes.session()),

    /** Signs in; a wrong name or password is a 401 `unauthenticated`, a server without users a 503 `no-users`. */
    signIn: (body: SignInRequest) => request<{ user: SessionUser }>(sessionRoutes.session(), { method: 'POST', json: body }),

    /** Signs out. */
    signOut: () => request<{ user: null }>(sessionRoutes.session(), { method: 'DELETE' }),

    /** Liveness. */
    getHealth: () => request<{ ok: boolean }>(sessionRoutes.health()),
  };
}
