// The drizzle schema, one file per aggregate under schema/.
export * from './schema/organizations'
export * from './schema/users'
export * from './schema/areas'
export * from './schema/sites'
export * from './schema/incidents'
export * from './schema/crews'
export * from './schema/dispatches'
export * from './schema/events'
