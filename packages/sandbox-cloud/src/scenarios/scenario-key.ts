/** The scenario format's shared value schemas: local keys, CIDR blocks, tags. */
import { z } from 'zod';

/** A local key by which scenario items refer to each other. */
export const key = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'keys are letters, digits, ".", "_" and "-"');
/** A CIDR block as text. */
export const cidr = z.string().regex(/^[0-9a-fA-F:.]+\/\d{1,3}$/, 'expected a CIDR block such as 10.0.0.0/16');
/** Tags by key. */
export const tags = z.record(z.string(), z.string());
