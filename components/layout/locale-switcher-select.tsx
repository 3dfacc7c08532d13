'use client';

import { useTransition } from 'react';
import { usePathname, useRouter } from '@/i18n/navigation';
import type { Locale } from '@/i18n/routing';

/** Switches the interface language and stays on the same page (path, query and row anchor kept). */
export function LocaleSwitcherSelect({
  label,
  current,
  options,
}: {
  label: string;
  current: string;
  options: { value: string; label: string }[];
}) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  return (
    <label className="locale-switcher">
      <span className="visually-hidden">{label}</span>
      <select
        value={current}
        disabled={pending}
        aria-label={label}
        onChange={(e) => {
          const locale = e.target.value as Locale;
          // Read at the moment of switching so no Suspense boundary is needed for the query.
          const rest = window.location.search + window.location.hash;
          startTransition(() => {
            router.replace(pathname + rest, { locale });
          });
        }}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value} lang={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
