/** The field problems of a refusal (an AppError's details.errors): what a 400 would answer. */
export const problemsOf = (err: unknown) => (err as { details: { errors: { field: string; problem: string }[] } }).details.errors;

/** Awaits `p`, which must be refused: its field problems; a test fails when it is not refused. */
export async function refused(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return problemsOf(e);
  }
  throw new Error('expected a refusal');
}
