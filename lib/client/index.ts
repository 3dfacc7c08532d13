export { api, createApiClient, type ApiClient } from './client';
export { DOCX_CONTENT_TYPE, getExportUrl, type ExportFormat, type RowStream } from './documents';
export { ApiError, isApiError, toApiError, type ApiErrorCode } from './errors';
export { getGlossaryExportUrl, type GlossaryFileFormat } from './glossary';
export type { Fetch } from './http';
export type { EventSourceFactory, EventSourceLike, LiveConnection, LiveHandlers } from './live';
export { getMemoryExportUrl, type MemoryMatchQuery } from './memory';
export type * from './types';
