/**
 * An error whose message is meant for the person at the terminal: CLIs print it as one line,
 * without a stack trace, and exit non-zero.
 */
export class UserFacingError extends Error {
  override name = "UserFacingError";
}

export async function runCli(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof UserFacingError) {
      console.error(`✖ ${error.message}`);
    } else {
      console.error(error);
    }
    process.exit(1);
  }
}
