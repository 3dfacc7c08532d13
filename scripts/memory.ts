/**
 * The translation memory from the command line.
 *   npm run memory -- rebuild [--replace]     add every translated or approved row of every document
 *                                             (--replace: start from an empty memory, dropping imported units)
 *   npm run memory -- export [--out FILE]     the memory as TMX 1.4b (stdout by default)
 *   npm run memory -- import FILE.tmx         add a TMX file's Arabic → English units
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { isModelError } from '@/lib/model';
import { exportMemoryTmx, importMemoryTmx, rebuildMemory } from '@/lib/service/memory';
import { getContentDir } from '@/lib/storage';

const USAGE = 'usage: npm run memory -- rebuild [--replace] | export [--out FILE] | import FILE.tmx';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { replace: { type: 'boolean' }, out: { type: 'string' } },
  });
  const [command, file] = positionals;
  if (command === 'rebuild' && positionals.length === 1) {
    const r = await rebuildMemory(null, { replace: values.replace });
    console.log(`${getContentDir()}/memory.json: ${r.added} added, ${r.replaced} replaced, ${r.unchanged} unchanged, from ${r.documents} documents`);
  } else if (command === 'export' && positionals.length === 1) {
    const { xml, count } = await exportMemoryTmx();
    if (values.out) {
      await writeFile(values.out, xml, 'utf8');
      console.log(`${count} units written to ${values.out}`);
    } else process.stdout.write(xml);
  } else if (command === 'import' && file && positionals.length === 2) {
    const r = await importMemoryTmx(await readFile(file, 'utf8'), null);
    console.log(`${r.units} units: ${r.added} added, ${r.replaced} replaced, ${r.unchanged} unchanged, ${r.skipped.length} skipped`);
    for (const s of r.skipped) console.log(`  skipped (${s.reason}): ${s.message}`);
  } else {
    throw new Error(USAGE);
  }
}

main().catch((e: unknown) => {
  console.error(`memory: ${isModelError(e) || e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
