import { ROLES } from './roles';
import { z } from './zod';

/** A role as a request or the users file names it (roles.ts holds the rules, with no schema, for the pages). */
export const roleSchema = z.enum(ROLES);
