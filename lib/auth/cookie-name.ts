/** The session cookie's name; kept apart so the proxy can check for it without loading the session code. */
export const SESSION_COOKIE = 'bilingual_session';
