'use client';

import { useCallback, useState } from 'react';
import { ApiError, toApiError } from '@/lib/client';
import { BODY_LIMITS } from '@/lib/model/limits';

/** A file the person chose, read as text. */
export interface ChosenFile {
  name: string;
  text: string;
}

/** A file the person chose, read as bytes (a Word file). */
export interface ChosenBinaryFile {
  name: string;
  bytes: ArrayBuffer;
}

export interface FileUpload {
  /** True while a file is read or sent, or `run`'s work is under way. */
  busy: boolean;
  /** The last failure, or null: `too-large` and `unreadable` happen before anything is sent. */
  error: ApiError | null;
  clearError(): void;
  /**
   * Reads a chosen file and hands it to `send`; a file over the limit is refused before it is read or sent.
   * Answers what `send` answered, or null when there was no file or it failed (see `error`).
   */
  upload<T>(file: File | undefined, send: (file: ChosenFile) => Promise<T>): Promise<T | null>;
  /** As `upload`, the file read as bytes. */
  uploadBytes<T>(file: File | undefined, send: (file: ChosenBinaryFile) => Promise<T>): Promise<T | null>;
  /** Runs another step of the same upload (a confirmation) with the same busy flag and error. */
  run<T>(work: () => Promise<T>): Promise<T | null>;
}

/**
 * The one way the app uploads a file (an XLIFF or TMX file, a text for a new document): checked against the
 * server's limit (`maxBytes`, the import limit by default) before it is read, read as text, then sent.
 */
export function useFileUpload(maxBytes: number = BODY_LIMITS.import): FileUpload {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const run = useCallback(async <T,>(work: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    setError(null);
    try {
      return await work();
    } catch (e) {
      setError(toApiError(e));
      return null;
    } finally {
      setBusy(false);
    }
  }, []);

  const read = useCallback(
    <F, T>(file: File | undefined, readFile: (file: File) => Promise<F>, send: (file: F) => Promise<T>): Promise<T | null> => {
      if (!file) return Promise.resolve(null);
      if (file.size > maxBytes) {
        setError(new ApiError(413, 'too-large', `${file.name} is larger than ${maxBytes} bytes`));
        return Promise.resolve(null);
      }
      return run(async () => {
        let content: F;
        try {
          content = await readFile(file);
        } catch (e) {
          throw new ApiError(0, 'unreadable', e instanceof Error ? e.message : String(e));
        }
        return send(content);
      });
    },
    [maxBytes, run],
  );
  const upload = useCallback(
    <T,>(file: File | undefined, send: (file: ChosenFile) => Promise<T>) => read(file, async (f) => ({ name: f.name, text: await f.text() }), send),
    [read],
  );
  const uploadBytes = useCallback(
    <T,>(file: File | undefined, send: (file: ChosenBinaryFile) => Promise<T>) => read(file, async (f) => ({ name: f.name, bytes: await f.arrayBuffer() }), send),
    [read],
  );

  const clearError = useCallback(() => setError(null), []);
  return { busy, error, clearError, upload, uploadBytes, run };
}
