export { api, createApiClient, type ApiClient } from './client';
export { getExportUrl, type ExportFormat } from './documents';
export { ApiError, isApiError, toApiError, type ApiErrorCode } from './errors';
export type { Fetch } from './http';
export { getMemoryExportUrl, type MemoryMatchQuery } from './memory';
export type * from './types';
