import { z } from 'zod';

/** Every error the API returns has this shape. `rule` cites the rule enforced, e.g. "R-M3 议事规则第八条". */
export const ApiErrorSchema = z.object({
  code: z.string(),
  message_zh: z.string(),
  message_en: z.string(),
  rule: z.string().optional(),
  details: z.unknown().optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;
