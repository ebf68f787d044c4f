/** The HTTP status a Remix loader/action produced, whether it returned or threw a Response. */
export async function statusOf(run: () => Promise<unknown>): Promise<number> {
  try {
    const result = await run();
    return result instanceof Response ? result.status : 200;
  } catch (e) {
    if (e instanceof Response) return e.status;
    throw e;
  }
}
