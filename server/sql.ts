/** A SQL list of status words for hand-written queries, built from the tuples in shared/enums. */
export const sqlIn = (words: readonly string[]) => `(${words.map((w) => `'${w.replace(/'/g, "''")}'`).join(', ')})`
