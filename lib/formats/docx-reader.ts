import * as CFB from 'cfb';
import { unzipSync } from 'fflate';
import mammoth from 'mammoth';
import { ModelError } from '@/lib/model';
import { WORD_TITLE_CLASS } from '@/lib/model/word';

/** The content type of a .docx (Office Open XML word-processing document). */
export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A zip's first file header, or the end of its directory when it holds no file. */
const ZIP_SIGNATURES = [
  [0x50, 0x4b, 0x03, 0x04],
  [0x50, 0x4b, 0x05, 0x06],
];
/** OLE compound files: Word 97–2003 .doc, and any Office file saved with a password (the package is encrypted). */
const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * The most the parts mammoth parses (every part but images and other media) may unpack to. A 5 MB upload of
 * deflated XML can claim gigabytes; an article's text is a few megabytes of XML at most.
 */
export const MAX_UNPACKED_BYTES = 64 * 1024 * 1024;

/**
 * Word's Title paragraph becomes the title row; a Subtitle is a paragraph. The rest is mammoth's default map
 * (Heading 1–6, lists, footnotes), which knows the style names of Word, LibreOffice, Google Docs and Pages.
 */
const STYLE_MAP = [`p[style-name='Title'] => h1.${WORD_TITLE_CLASS}:fresh`, "p[style-name='Subtitle'] => p:fresh"];

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

const invalid = (message: string) => new ModelError('invalid', `Word: ${message}`);

/** What an OLE compound file is, in words a person can act on. */
function compoundFileError(bytes: Uint8Array): ModelError {
  let container: CFB.CFB$Container | null = null;
  try {
    container = CFB.read(bytes, { type: 'buffer' });
  } catch {
    return invalid('the file is an old-style Office file (an OLE compound file) and it is damaged; save it as .docx and try again');
  }
  if (CFB.find(container, 'EncryptedPackage') || CFB.find(container, 'EncryptionInfo')) {
    return invalid('the file is protected with a password; remove the password in Word (File › Info › Protect Document) and save it again, then import it');
  }
  if (CFB.find(container, 'WordDocument')) {
    return invalid('this is an old Word 97–2003 .doc file; open it in Word or LibreOffice, save it as .docx, and import that');
  }
  return invalid('this is an old-style Office file, not a .docx Word document');
}

/** Checks the zip's directory (without unpacking anything): a document part, and a size that is not a bomb. */
function checkPackage(bytes: Uint8Array): void {
  let unpacked = 0;
  let hasDocument = false;
  try {
    unzipSync(bytes, {
      filter: (file) => {
        if (file.name === 'word/document.xml') hasDocument = true;
        if (!file.name.startsWith('word/media/')) unpacked += file.originalSize;
        return false;
      },
    });
  } catch (e) {
    throw invalid(`the file is damaged (its zip archive cannot be read${e instanceof Error && e.message ? `: ${e.message}` : ''}); was it cut short?`);
  }
  if (!hasDocument) throw invalid('the zip archive holds no word/document.xml, so it is not a Word document');
  if (unpacked > MAX_UNPACKED_BYTES) {
    throw new ModelError('too-large', `Word: the document's parts unpack to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MB`);
  }
}

/**
 * The HTML of a .docx file as mammoth makes it (see lib/model/word/import.ts for what becomes of it). Refuses,
 * with a message naming the problem, an empty file, an old .doc, a password-protected file, anything that is not
 * a zip, a damaged zip, a zip without a Word document, and a document that does not parse. Images are never
 * read: each becomes an empty `<img>`, to be reported as skipped. Files the document links to are never opened.
 */
export async function readWordHtml(bytes: Uint8Array): Promise<string> {
  if (bytes.length === 0) throw invalid('the file is empty');
  if (startsWith(bytes, CFB_SIGNATURE)) throw compoundFileError(bytes);
  if (!ZIP_SIGNATURES.some((signature) => startsWith(bytes, signature))) throw invalid('this is not a .docx file (a .docx is a zip archive, and this file does not start like one)');
  checkPackage(bytes);
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        styleMap: STYLE_MAP,
        includeEmbeddedStyleMap: false,
        externalFileAccess: false,
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
      },
    );
    return result.value;
  } catch (e) {
    throw invalid(`the document cannot be read (${e instanceof Error ? e.message.replace(/\s+/g, ' ').trim().slice(0, 200) : 'unknown error'}); is the file damaged?`);
  }
}
