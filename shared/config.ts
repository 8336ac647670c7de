import { z } from 'zod'

/** What every page may know of the server's configuration, before and after signing in. */
export const ClientConfig = z
  .object({
    tileUrl: z.string(),
    tileAttribution: z.string(),
    dutyPhone: z.string(),
    /** A crew on site this long without an update is asked to check in. */
    checkinMinutes: z.number(),
    /** De-duplication and correlation thresholds, so the console proposes what the server would. */
    dedupMetres: z.number(),
    dedupMinutes: z.number(),
    correlateMetres: z.number(),
    correlateMinutes: z.number(),
    /** Hours after the restoration by which a final report is due. */
    finalReportHours: z.number(),
  })
  .meta({ id: 'ClientConfig' })
export type ClientConfig = z.infer<typeof ClientConfig>
