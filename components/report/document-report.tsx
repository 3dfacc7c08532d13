import { getFormatter, getTranslations } from 'next-intl/server';
import type { BandTotal, DraftReport } from '@/lib/model';
import styles from './report.module.css';

/** Words by match band against the memory, rendered on the server. */
export async function AnalysisTable({
  analysis,
}: {
  analysis: { bands: BandTotal[]; totalWords: number; totalRows: number; memoryEntries: number; repetitionGroups: number };
}) {
  const t = await getTranslations('Report');
  const format = await getFormatter();
  const percent = (value: number) => format.number(value, { style: 'percent', maximumFractionDigits: 1 });
  const share = (words: number, total: number) => (total ? words / total : 0);
  return (
    <section className={styles.section} aria-labelledby="analysis-title" data-testid="analysis">
      <h2 id="analysis-title">{t('analysisTitle')}</h2>
      <p className="hint">{t('analysisIntro', { entries: analysis.memoryEntries })}</p>
      <table className={styles.table}>
        <thead>
          <tr>
            <th scope="col">{t('band')}</th>
            <th scope="col" className={styles.number}>
              {t('rows')}
            </th>
            <th scope="col" className={styles.number}>
              {t('words')}
            </th>
            <th scope="col" className={styles.number}>
              {t('share')}
            </th>
          </tr>
        </thead>
        <tbody>
          {analysis.bands.map((b) => (
            <tr key={b.band} data-testid="analysis-band" data-band={b.band} data-words={b.words}>
              <th scope="row">{t(`bands.${b.band}`)}</th>
              <td className={styles.number}>{format.number(b.rows)}</td>
              <td className={styles.number}>{format.number(b.words)}</td>
              <td className={styles.number}>
                {percent(share(b.words, analysis.totalWords))}
                <span className={styles.bar} style={{ inlineSize: `${Math.round(share(b.words, analysis.totalWords) * 80)}px` }} aria-hidden="true" />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('total')}</th>
            <td className={styles.number}>{format.number(analysis.totalRows)}</td>
            <td className={styles.number} data-testid="analysis-total-words">
              {format.number(analysis.totalWords)}
            </td>
            <td className={styles.number}>{percent(analysis.totalWords ? 1 : 0)}</td>
          </tr>
        </tfoot>
      </table>
      <p className="hint">{t('repetitionGroups', { count: analysis.repetitionGroups })}</p>
    </section>
  );
}

/** Words by where their draft came from, with the post-editing effort of each origin, rendered on the server. */
export async function OriginsTable({ report, mt }: { report: DraftReport; mt: { provider: string; model: string | null } | null }) {
  const t = await getTranslations('Report');
  const format = await getFormatter();
  const percent = (value: number) => format.number(value, { style: 'percent', maximumFractionDigits: 1 });
  return (
    <section className={styles.section} aria-labelledby="origin-title" data-testid="origins">
      <h2 id="origin-title">{t('originTitle')}</h2>
      <p className="hint">{t('originIntro')}</p>
      <table className={styles.table}>
        <thead>
          <tr>
            <th scope="col">{t('origin')}</th>
            <th scope="col" className={styles.number}>
              {t('rows')}
            </th>
            <th scope="col" className={styles.number}>
              {t('words')}
            </th>
            <th scope="col" className={styles.number}>
              {t('confirmed')}
            </th>
            <th scope="col" className={styles.number}>
              {t('effort')}
            </th>
          </tr>
        </thead>
        <tbody>
          {report.origins.map((o) => (
            <tr key={o.origin} data-testid="origin-row" data-origin={o.origin} data-words={o.words}>
              <th scope="row">{t(`origins.${o.origin}`)}</th>
              <td className={styles.number}>{format.number(o.rows)}</td>
              <td className={styles.number}>{format.number(o.words)}</td>
              <td className={styles.number}>{format.number(o.confirmedWords)}</td>
              <td className={styles.number} data-testid="origin-effort">
                {o.effort === null ? t('notMeasured') : percent(o.effort)} <span className="hint">({t('measured', { count: o.measuredRows })})</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.mt.length > 0 && (
        <>
          <h3>{t('mtTitle')}</h3>
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">{t('provider')}</th>
                <th scope="col" className={styles.number}>
                  {t('words')}
                </th>
                <th scope="col" className={styles.number}>
                  {t('effort')}
                </th>
              </tr>
            </thead>
            <tbody>
              {report.mt.map((m) => (
                <tr key={`${m.provider} ${m.model ?? ''}`} data-testid="mt-provider-row">
                  <th scope="row" dir="ltr">
                    {m.model ? `${m.provider} · ${m.model}` : m.provider}
                  </th>
                  <td className={styles.number}>{format.number(m.words)}</td>
                  <td className={styles.number}>{m.effort === null ? t('notMeasured') : percent(m.effort)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <p className="hint" data-testid="mt-status">
        {mt ? t('mtStatus', { provider: mt.model ? `${mt.provider} · ${mt.model}` : mt.provider }) : t('mtOff')}
      </p>
    </section>
  );
}

/** The report's layout: the two sections one under the other. */
export function ReportLayout({ children }: { children: React.ReactNode }) {
  return <div className={styles.report}>{children}</div>;
}
