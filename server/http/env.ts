import type { Actor } from '../context'

export interface Env {
  Variables: { actor: Actor | null; token: string | undefined }
}
