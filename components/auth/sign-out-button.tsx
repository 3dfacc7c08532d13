'use client';

/** Ends the session and goes to the sign-in page. */
export function SignOutButton({ label, locale }: { label: string; locale: string }) {
  return (
    <button
      type="button"
      className="link-button"
      data-testid="sign-out"
      onClick={async () => {
        await fetch('/api/session', { method: 'DELETE' });
        window.location.assign(`/${locale}/sign-in`);
      }}
    >
      {label}
    </button>
  );
}
