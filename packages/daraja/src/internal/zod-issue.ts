/** The first problem zod found, as a dotted path and a message. */
export function firstIssue(error: {
  issues: readonly { path: readonly PropertyKey[]; message: string }[];
}): {
  path: string;
  message: string;
} {
  const issue = error.issues[0];
  if (!issue) return { path: '(root)', message: 'invalid value.' };
  const path = issue.path.map(String).join('.') || '(root)';
  return { path, message: issue.message };
}
