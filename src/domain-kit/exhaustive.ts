/**
 * The default branch of a switch over a union: the compiler proves it unreachable (a new member that
 * is not handled fails compilation there), and should bad data reach it anyway, it fails loudly.
 */
export function unhandled(value: never): never {
  throw new Error(`Unhandled ${JSON.stringify(value)}`);
}
