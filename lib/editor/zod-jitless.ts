/** Zod without its `new Function` probe in the browser: now set wherever zod is imported (lib/model/zod.ts). */
import '@/lib/model/zod';
