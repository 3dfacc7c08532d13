import { describe, expectTypeOf, it } from 'vitest';
import type { analyzeDocument, getDocumentReport } from '@/lib/service/analysis';
import type { importGlossary } from '@/lib/service/glossary';
import type { importMemoryTmx } from '@/lib/service/memory';
import type { getMtStatus, MtSuggestion as ServiceMtSuggestion } from '@/lib/service/mt';
import type { ActiveRun, listPretranslations, PastRun, PretranslateEvent as ServiceEvent, PretranslateOptions as ServiceOptions, undoPretranslation } from '@/lib/service/pretranslate';
import type { getPublishState, publishDocument } from '@/lib/service/publish';
import type { fillRepetitions } from '@/lib/service/repetitions';
import type { createDocumentFromWord } from '@/lib/service/word';
import type { XliffImportResult as ServiceXliffImportResult } from '@/lib/service/xliff-import';
import type {
  ActivePretranslation,
  CreatedWordDocument,
  DocumentAnalysisResult,
  DocumentReport,
  GlossaryImportReport,
  MemoryImportReport,
  MtStatus,
  MtSuggestion,
  PastPretranslation,
  PretranslateEvent,
  PretranslateOptions,
  PublishState,
  XliffImportResult,
} from './types';

type Answer<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

/**
 * The client declares the answers' shapes the model does not (so the browser never imports server code); the
 * type check holds them to what the server's use cases return. A field added on one side fails here.
 */
describe('the client’s answer types', () => {
  it('are what the server answers', () => {
    expectTypeOf<Answer<typeof getPublishState>>().toEqualTypeOf<PublishState>();
    expectTypeOf<ServiceXliffImportResult>().toEqualTypeOf<XliffImportResult>();
    // Intersections on the server's side: equal both ways round.
    expectTypeOf<Answer<typeof importMemoryTmx>>().toExtend<MemoryImportReport>();
    expectTypeOf<MemoryImportReport>().toExtend<Answer<typeof importMemoryTmx>>();
    expectTypeOf<Answer<typeof importGlossary>>().toExtend<GlossaryImportReport>();
    expectTypeOf<GlossaryImportReport>().toExtend<Answer<typeof importGlossary>>();
    expectTypeOf<Answer<typeof publishDocument>['snapshot']['version']>().toEqualTypeOf<number>();
    expectTypeOf<Answer<typeof analyzeDocument>>().toEqualTypeOf<DocumentAnalysisResult>();
    expectTypeOf<Answer<typeof getDocumentReport>>().toEqualTypeOf<DocumentReport>();
    expectTypeOf<ActiveRun>().toEqualTypeOf<ActivePretranslation>();
    expectTypeOf<PastRun>().toEqualTypeOf<PastPretranslation>();
    expectTypeOf<Answer<typeof listPretranslations>>().toEqualTypeOf<{ active: ActivePretranslation | null; runs: PastPretranslation[] }>();
    expectTypeOf<Answer<typeof undoPretranslation>>().toEqualTypeOf<{ reverted: import('@/lib/model').Row[]; kept: string[] }>();
    expectTypeOf<ServiceEvent>().toEqualTypeOf<PretranslateEvent>();
    expectTypeOf<ServiceOptions>().toEqualTypeOf<PretranslateOptions>();
    expectTypeOf<ServiceMtSuggestion>().toEqualTypeOf<MtSuggestion>();
    // The provider is a name on the server; the browser takes any.
    expectTypeOf<ReturnType<typeof getMtStatus>>().toExtend<MtStatus>();
    expectTypeOf<Answer<typeof fillRepetitions>>().toEqualTypeOf<{ filled: import('@/lib/model').Row[] }>();
    expectTypeOf<Answer<typeof createDocumentFromWord>['skipped']>().toEqualTypeOf<CreatedWordDocument['skipped']>();
  });
});
