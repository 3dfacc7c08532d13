import { describe, expectTypeOf, it } from 'vitest';
import type { getPublishState, publishDocument } from '@/lib/service/publish';
import type { importMemoryTmx } from '@/lib/service/memory';
import type { XliffImportResult as ServiceXliffImportResult } from '@/lib/service/xliff-import';
import type { MemoryImportReport, PublishState, XliffImportResult } from './types';

/**
 * The client declares the answers' shapes the model does not (so the browser never imports server code); the
 * type check holds them to what the server's use cases return. A field added on one side fails here.
 */
describe('the client’s answer types', () => {
  it('are what the server answers', () => {
    expectTypeOf<Awaited<ReturnType<typeof getPublishState>>>().toEqualTypeOf<PublishState>();
    expectTypeOf<ServiceXliffImportResult>().toEqualTypeOf<XliffImportResult>();
    // An intersection on the server's side: equal both ways round.
    expectTypeOf<Awaited<ReturnType<typeof importMemoryTmx>>>().toExtend<MemoryImportReport>();
    expectTypeOf<MemoryImportReport>().toExtend<Awaited<ReturnType<typeof importMemoryTmx>>>();
    expectTypeOf<Awaited<ReturnType<typeof publishDocument>>['snapshot']['version']>().toEqualTypeOf<number>();
  });
});
