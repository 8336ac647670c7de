// Small builders for route definitions, so each route states only what is its own.
import { OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import { ApiError } from '../../shared/errors'
import { IdempotencyKey } from '../../shared/intake'
import type { Env } from './env'
import { validationHook } from './errors'

export const newRouter = () => new OpenAPIHono<Env>({ defaultHook: validationHook as never })

export function jsonBody<T extends z.ZodType>(schema: T) {
  return { content: { 'application/json': { schema } }, required: true } as const
}

const err = (description: string) => ({ description, content: { 'application/json': { schema: ApiError } } })

export const errors = {
  400: err('Invalid input: details name each field and reason'),
  401: err('Not signed in'),
  403: err('Forbidden for this role, or a foreign origin'),
  404: err('Not found, or not visible to this user'),
  409: err('Stale transition, or a busy crew or resource'),
} as const

export function ok<T extends z.ZodType>(schema: T, description = 'OK') {
  return { 200: { description, content: { 'application/json': { schema } } }, ...errors } as const
}

export function created<T extends z.ZodType>(schema: T, description = 'Created') {
  return { 201: { description, content: { 'application/json': { schema } } }, ...errors } as const
}

export const idempotencyMismatch = err('This Idempotency-Key was used for a different request')

/** The optional Idempotency-Key header of a create. */
export const IdempotencyHeaders = z.object({ 'idempotency-key': IdempotencyKey.optional() })
