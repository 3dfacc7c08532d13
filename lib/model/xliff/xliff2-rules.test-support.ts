import { getAttr, readXml } from '../xml';
import { formatProblem, validateXliff2 } from './validate';

/** For tests: every rule of the XLIFF 2 core and modules an exported file breaks (none, for a good export). */
export function checkXliff2Core(text: string): string[] {
  try {
    const root = readXml(text, { label: 'XLIFF' });
    return validateXliff2(root, getAttr(root, 'version') ?? '').map(formatProblem);
  } catch (e) {
    return [(e as Error).message];
  }
}
