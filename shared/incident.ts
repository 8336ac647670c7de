import { z } from 'zod'
import {
  INCIDENT_CAUSES,
  INCIDENT_KINDS,
  INCIDENT_SOURCES,
  INCIDENT_STATUSES,
  SERVICES,
  SEVERITIES,
} from './enums'
import { Id, Lat, Lng, Timestamp, line, text } from './common'
import { IncidentElement } from './element'

const Count = z.number().int().min(0).max(1_000_000)

/** What the outage takes away, in the terms operators report to the ministry (DIRS-like). */
export const Impact = z.strictObject({
  cellSitesDownPower: Count.optional(),
  cellSitesDownTransmission: Count.optional(),
  cellSitesDownDamage: Count.optional(),
  generatorsDeployed: Count.optional(),
  usersAffected: Count.optional(),
})
export type Impact = z.infer<typeof Impact>

export const MAX_RADIUS_M = 50_000
export const MAX_INCIDENT_ELEMENTS = 200

/** The network elements an incident names, each once. */
const ElementList = z
  .array(IncidentElement)
  .max(MAX_INCIDENT_ELEMENTS)
  .superRefine((list, ctx) => {
    const seen = new Set<number>()
    list.forEach((e, i) => {
      if (seen.has(e.elementId)) ctx.addIssue({ code: 'custom', path: [i, 'elementId'], message: 'This element is named twice' })
      seen.add(e.elementId)
    })
  })

/** The report after the event (NORS-like): why it happened and what was done. */
export const FinalReport = z.strictObject({
  rootCause: text(4000, 1),
  contributingFactors: text(4000).default(''),
  actionsTaken: text(4000, 1),
})
export type FinalReport = z.infer<typeof FinalReport>

/** POST /incidents/:id/final-report: the report, and the restoration time when it differs from the resolve. */
export const FinalReportFile = FinalReport.extend({ restoredAt: Timestamp.optional() }).meta({ id: 'FinalReportFile' })
export type FinalReportFile = z.input<typeof FinalReportFile>

export const Incident = z
  .object({
    id: Id,
    organizationId: Id.nullable(),
    kind: z.enum(INCIDENT_KINDS),
    cause: z.enum(INCIDENT_CAUSES),
    severity: z.enum(SEVERITIES),
    status: z.enum(INCIDENT_STATUSES),
    title: z.string(),
    description: z.string(),
    services: z.array(z.enum(SERVICES)),
    lat: Lat,
    lng: Lng,
    radiusM: z.number().int(),
    areaId: Id.nullable(),
    source: z.enum(INCIDENT_SOURCES),
    impact: Impact,
    estimatedRestoreAt: Timestamp.nullable(),
    duplicateOf: Id.nullable(),
    statusNote: z.string().nullable(),
    drill: z.boolean(),
    reportedBy: Id.nullable(),
    restoredAt: Timestamp.nullable(),
    finalReport: FinalReport.nullable(),
    finalReportAt: Timestamp.nullable(),
    /** How many times it escalated with no crew sent: the console flags it while none is. */
    escalationLevel: z.number().int().nonnegative(),
    /** The network elements it takes down or degrades. */
    elements: z.array(IncidentElement),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    statusChangedAt: Timestamp,
  })
  .meta({ id: 'Incident' })
export type Incident = z.infer<typeof Incident>

export const IncidentCreate = z
  .strictObject({
    kind: z.enum(INCIDENT_KINDS),
    cause: z.enum(INCIDENT_CAUSES).default('unknown'),
    severity: z.enum(SEVERITIES),
    title: line(200),
    description: text(4000).default(''),
    services: z.array(z.enum(SERVICES)).max(SERVICES.length).default([]),
    lat: Lat,
    lng: Lng,
    radiusM: z.number().int().min(0).max(MAX_RADIUS_M).default(1000),
    estimatedRestoreAt: Timestamp.nullable().optional(),
    impact: Impact.default({}),
    /** Only the authority reports on behalf of another organisation. */
    organizationId: Id.nullable().optional(),
    source: z.enum(INCIDENT_SOURCES).optional(),
    drill: z.boolean().default(false),
    /** Network elements it takes down or degrades; an enterprise names only its own. */
    elements: ElementList.optional(),
  })
  .meta({ id: 'IncidentCreate' })
export type IncidentCreate = z.input<typeof IncidentCreate>

export const IncidentUpdate = z
  .strictObject({
    kind: z.enum(INCIDENT_KINDS),
    cause: z.enum(INCIDENT_CAUSES),
    severity: z.enum(SEVERITIES),
    title: line(200),
    description: text(4000),
    services: z.array(z.enum(SERVICES)).max(SERVICES.length),
    lat: Lat,
    lng: Lng,
    radiusM: z.number().int().min(0).max(MAX_RADIUS_M),
    estimatedRestoreAt: Timestamp.nullable(),
    impact: Impact,
    /** Replaces the elements it names. */
    elements: ElementList,
  })
  .partial()
  .refine((u) => Object.keys(u).length > 0, { message: 'Nothing to update' })
  .meta({ id: 'IncidentUpdate' })
export type IncidentUpdate = z.input<typeof IncidentUpdate>

export const IncidentStatusChange = z
  .strictObject({
    status: z.enum(INCIDENT_STATUSES),
    note: text(1000, 1).optional(),
    duplicateOf: Id.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.duplicateOf !== undefined && v.status !== 'cancelled') {
      ctx.addIssue({ code: 'custom', path: ['duplicateOf'], message: 'Only a cancelled incident is a duplicate' })
    }
    if (v.status === 'cancelled' && v.duplicateOf === undefined && !v.note) {
      ctx.addIssue({ code: 'custom', path: ['note'], message: 'Say why the incident is cancelled' })
    }
  })
  .meta({ id: 'IncidentStatusChange' })
export type IncidentStatusChange = z.input<typeof IncidentStatusChange>

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)))

export const IncidentQuery = z.object({
  status: csv(INCIDENT_STATUSES).optional(),
  kind: csv(INCIDENT_KINDS).optional(),
  areaId: z.coerce.number().int().positive().optional(),
  organizationId: z.coerce.number().int().positive().optional(),
  bbox: z
    .string()
    .transform((s) => s.split(',').map(Number))
    .pipe(z.tuple([Lng, Lat, Lng, Lat]))
    .optional()
    .meta({ description: 'minLng,minLat,maxLng,maxLat' }),
  updatedSince: z.coerce.number().int().nonnegative().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  after: z.coerce.number().int().nonnegative().optional(),
})
