'use client';

import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { api, type SignInRequest } from '@/lib/client';
import type { Role } from '@/lib/model';
import { useErrorMessage } from '@/components/errors/use-error-message';

/** Posts the credentials (or the demo person) to /api/session, then goes where the person was headed. */
export function SignInForm({
  next,
  mode,
  demoUsers = [],
}: {
  next: string;
  mode: 'password' | 'demo';
  demoUsers?: { name: string; role: Role }[];
}) {
  const t = useTranslations('Auth');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const describe = useErrorMessage();

  async function signIn(body: SignInRequest) {
    setBusy(true);
    setError(null);
    try {
      await api.signIn(body);
      // A full navigation, so every server component renders for the signed-in person.
      window.location.assign(next);
    } catch (e) {
      // A refused demo sign-in is a 403: demo people exist only on a development server without users. Too many
      // failures are a 429; too many sign-ins being checked at once a 503.
      setError(
        describe(e, { unauthenticated: t('wrongPassword'), forbidden: t('demoUnavailable'), 'rate-limited': t('tooManyAttempts'), unavailable: t('busy') }),
      );
      setBusy(false);
    }
  }

  if (mode === 'demo') {
    return (
      <div className="demo-users">
        {demoUsers.map((u) => (
          <button key={u.name} type="button" className="button" disabled={busy} onClick={() => signIn({ demo: u.name })} data-testid={`demo-${u.role}`}>
            {t('demoAs', { name: u.name, role: t(`roles.${u.role}`) })}
          </button>
        ))}
        {error && (
          <p className="form-error" role="alert">
            {t('failed', { message: error })}
          </p>
        )}
      </div>
    );
  }

  return (
    <form
      className="sign-in-form"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void signIn({ name, password });
      }}
    >
      <label>
        {t('name')}
        <input name="name" autoComplete="username" dir="ltr" value={name} onChange={(e) => setName(e.target.value)} required />
      </label>
      <label>
        {t('password')}
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          dir="ltr"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
      </label>
      {error && (
        <p className="form-error" role="alert" data-testid="sign-in-error">
          {t('failed', { message: error })}
        </p>
      )}
      <button type="submit" className="button" disabled={busy}>
        {busy ? t('signingIn') : t('submit')}
      </button>
    </form>
  );
}
