import { STATUS_ORDER, type RowStatus } from '@/lib/model';

/** A progress bar split by status, in the order work moves through them. */
export function StatusBar({ counts, total, label }: { counts: Record<RowStatus, number>; total: number; label: string }) {
  const done = counts.translated + counts.approved;
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={total}
      aria-valuenow={done}
    >
      {STATUS_ORDER.filter((s) => s !== 'untranslated' && counts[s] > 0)
        .slice()
        .reverse()
        .map((s) => (
          <span key={s} className={`s-${s}`} style={{ inlineSize: `${(counts[s] / Math.max(total, 1)) * 100}%` }} />
        ))}
    </div>
  );
}
