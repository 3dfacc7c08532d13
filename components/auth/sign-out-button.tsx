'use client';

import { api, toApiError } from '@/lib/client';

/** Ends the session and goes to the sign-in page. */
export function SignOutButton({ label, locale }: { label: string; locale: string }) {
  return (
    <button
      type="button"
      className="link-button"
      data-testid="sign-out"
      onClick={async () => {
        // Any answer ends the visit here; only no answer at all (offline) leaves the person where they are.
        const offline = await api.signOut().then(
          () => false,
          (e) => toApiError(e).status === 0,
        );
        if (offline) return;
        window.location.assign(`/${locale}/sign-in`);
      }}
    >
      {label}
    </button>
  );
}
