/**
 * A table lookup by a value that came from a provider. `table[value]` would
 * find Object.prototype's members for `constructor` or `toString`, turning a
 * status or error code into a function; only the table's own keys count.
 */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
