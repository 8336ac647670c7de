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
