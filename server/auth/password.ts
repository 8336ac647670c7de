import { hash, verify } from '@node-rs/argon2'

// Argon2id at the OWASP minimum (19 MiB, t=2, p=1): about 170 ms to hash, 25 ms to verify here.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS)
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password)
  } catch {
    return false
  }
}

/** Checked against when the user is unknown, so that a wrong name costs as long as a wrong password. */
let dummy: Promise<string> | null = null
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('no such user, no such password')
  return dummy
}
