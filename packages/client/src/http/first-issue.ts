/** What a zod 4 issue carries that the client reports. */
type Issue = { path: readonly PropertyKey[]; message: string; code?: string; keys?: string[] };

/** The parts of a zod 4 schema's definition that lead to an object's keys. */
type Def = { shape?: Record<string, Schema>; innerType?: Schema; in?: Schema };
type Schema = { _zod?: { def?: Def } };

/** An object schema's definition, through optional, nullable, default and pipe wrappers. */
function objectDef(schema: Schema | undefined): Def | undefined {
  let def = schema?._zod?.def;
  while (def && !def.shape && (def.innerType ?? def.in)) def = (def.innerType ?? def.in)?._zod?.def;
  return def;
}

/** Edit distance, ignoring case: `amountCents` is one edit from `amount_cents`. */
function distance(a: string, b: string): number {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  let row = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const next = [i];
    for (let j = 1; j <= y.length; j++) {
      next[j] = Math.min(
        row[j]! + 1,
        next[j - 1]! + 1,
        row[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1),
      );
    }
    row = next;
  }
  return row[y.length]!;
}

/**
 * The problem to report, naming the field. Unknown keys come first (a misspelled key also makes
 * the real field "missing"), named themselves rather than their object, with the schema's
 * closest key as a hint when one is an obvious near-match (at most two edits away).
 */
export function firstIssue(error: { issues: readonly Issue[] }, schema: unknown) {
  const unknown = error.issues.find((issue) => issue.code === 'unrecognized_keys');
  const keys = unknown?.keys ?? [];
  if (unknown && keys[0] !== undefined) {
    const path = unknown.path.map(String);
    let def = objectDef(schema as Schema);
    for (const part of path) def = objectDef(def?.shape?.[part]);
    const key = keys[0];
    const limit = Math.min(2, Math.max(1, key.length / 3));
    let near: string | undefined;
    let nearEdits = Number.POSITIVE_INFINITY;
    for (const known of Object.keys(def?.shape ?? {})) {
      const edits = distance(key, known);
      if (edits <= limit && edits < nearEdits) [near, nearEdits] = [known, edits];
    }
    return {
      field: [...path, key].join('.'),
      message:
        keys.length > 1
          ? `${keys.map((k) => `\`${k}\``).join(', ')} are not known fields (check their spelling).`
          : `is not a known field${near ? `; did you mean \`${near}\`?` : ' (check its spelling).'}`,
    };
  }
  const issue = error.issues[0];
  return {
    field: issue?.path.map(String).join('.') || '(root)',
    message: issue?.message ?? 'invalid',
  };
}
