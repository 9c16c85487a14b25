/**
 * "Look it up where it fits" (issue 15): a handler that finds its id belongs
 * to another command (a short id that is a customer's, a session id given to
 * /customer) throws a Redirect; run-command runs that line instead and puts
 * the note above its answer, so the person sees what happened.
 */
export class Redirect {
  constructor(
    /** The command line that answers instead, e.g. `/customer <uuid>`. */
    readonly line: string,
    /** One sentence saying why, shown above the answer. */
    readonly note: string,
  ) {}
}
