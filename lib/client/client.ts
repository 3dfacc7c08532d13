import { documentsApi } from './documents';
import { glossaryApi } from './glossary';
import { createRequest, createStream, type Fetch } from './http';
import { browserEventSource, liveApi, type EventSourceFactory } from './live';
import { memoryApi } from './memory';
import { notesApi } from './notes';
import { sessionApi } from './session';

/**
 * One typed function per API route. Each answers the route's typed result or throws an ApiError (status, code,
 * message). `fetch` defaults to the browser's, looked up at call time; tests pass a fake one (and a fake
 * EventSource for the live stream).
 */
export function createApiClient(fetchImpl: Fetch = (input, init) => fetch(input, init), createSource: EventSourceFactory = browserEventSource) {
  const request = createRequest(fetchImpl);
  return {
    ...documentsApi(request, createStream(fetchImpl)),
    ...notesApi(request),
    ...glossaryApi(request),
    ...memoryApi(request),
    ...sessionApi(request),
    ...liveApi(request, createSource),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** The app's client, over the browser's fetch. */
export const api: ApiClient = createApiClient();
