// The only reader of process.env: parsed once at start, a clear message for a bad value.
import { z } from 'zod'

export const Config = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DB_FILE: z.string().min(1).default('./data/commsdesk.db'),
  SEED: z.enum(['demo', 'none']).default('demo'),
  /** Map tiles; empty means the console draws only its bundled outlines. */
  TILE_URL: z.string().default(''),
  TILE_ATTRIBUTION: z.string().default(''),
  /** Number to call the coordinators from a crew phone. */
  DUTY_PHONE: z.string().default('+842543852000'),
  SESSION_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  /** Minutes a crew has to acknowledge, by severity: critical, high, medium, low. */
  ACK_MINUTES: z
    .string()
    .default('5,10,20,60')
    .transform((s) => s.split(',').map(Number))
    .pipe(z.tuple([z.number().positive(), z.number().positive(), z.number().positive(), z.number().positive()])),
  /** An acknowledged dispatch with no step for this long escalates. */
  PROGRESS_MINUTES: z.coerce.number().positive().default(30),
  /** A high or critical incident with no dispatch for this long escalates. */
  UNASSIGNED_MINUTES: z.coerce.number().positive().default(10),
  /** A crew on site this long without an update is asked to check in; it escalates after as long again. */
  CHECKIN_MINUTES: z.coerce.number().positive().default(45),
  /** A later report from the same organisation, of the same kind, this near an open incident is proposed as its duplicate. */
  DEDUP_METRES: z.coerce.number().int().min(0).max(50_000).default(500),
  DEDUP_MINUTES: z.coerce.number().int().min(0).max(24 * 60).default(60),
  /** Reports from different operators this near in place and time are shown together on the console. */
  CORRELATE_METRES: z.coerce.number().int().min(0).max(50_000).default(2000),
  CORRELATE_MINUTES: z.coerce.number().int().min(0).max(24 * 60).default(60),
  /** Hours after the restoration by which the final report (root cause, actions) is due. */
  FINAL_REPORT_HOURS: z.coerce.number().positive().max(24 * 90).default(24),
  /** How often stored deadlines are swept. */
  SWEEP_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  LOG_REQUESTS: z.enum(['0', '1']).default('0'),
})
export type Config = z.infer<typeof Config>

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const picked = Object.fromEntries(
    Object.keys(Config.shape).flatMap((k) => (env[k] === undefined || env[k] === '' ? [] : [[k, env[k]]])),
  )
  const parsed = Config.safeParse(picked)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`)
  }
  return parsed.data
}

export class ConfigError extends Error {}
