/**
 * Fields a server sends only to pad a chunk (OpenAI's `obfuscation` hides the
 * token length from observers of encrypted traffic). They are never copied
 * into an accumulated message, choice, tool call or completion.
 */
export const PADDING_FIELDS: ReadonlySet<string> = new Set(["obfuscation"]);

/** Unknown server fields of one accumulated object, by key, in order of first arrival. */
export type FieldBag = Map<string, unknown>;

/** A plain object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A non-empty string, or `undefined`: `null` and `""` never replace a value the stream already gave. */
export function nonEmptyString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * Records an unknown field of a chunk on its bag (created on first use) and
 * returns the bag. The last value wins, except that `null` does not replace
 * a value that is not `null` (a provider that sends `"x": null` on every chunk
 * but a value on one keeps that value). Padding fields are dropped.
 */
export function rememberField(bag: FieldBag | undefined, key: string, value: unknown): FieldBag | undefined {
  if (value === undefined || PADDING_FIELDS.has(key)) return bag;
  if (bag === undefined) return new Map([[key, value]]);
  if (value === null && bag.get(key) != null) return bag;
  bag.set(key, value);
  return bag;
}

/**
 * Copies a bag's fields onto an object built by `snapshot()`, after its known
 * fields: a field the target already has (an accumulated one) is never
 * replaced. A `__proto__` key (legal in JSON) is defined as an own property,
 * never as the prototype.
 */
export function assignFields<Target extends object>(target: Target, bag: FieldBag | undefined): Target {
  if (bag === undefined) return target;
  for (const [key, value] of bag) {
    if (Object.hasOwn(target, key)) continue;
    if (key === "__proto__") {
      Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
    } else {
      (target as Record<string, unknown>)[key] = value;
    }
  }
  return target;
}
