import { z } from 'zod';

export const ZHealth = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
  migration: z.object({ version: z.number().int(), tag: z.string() }),
  demo: z.boolean(),
});
export type THealth = z.infer<typeof ZHealth>;
