import { ValidationError } from "../errors/r9s-error";

/** A JSON object's fields. */
export type Fields = Record<string, unknown>;

/** A JSON object (not an array, not `null`). */
export const isObject = (value: unknown): value is Fields =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The wire allows `null` wherever a field is optional; it means "not set". */
export const isSet = (value: unknown): boolean => value !== undefined && value !== null;

/** Throws a {@link ValidationError}; `message` names the problem, then the fix. */
export function fail(field: string, message: string): never {
  throw new ValidationError(field, message);
}

/** Refuses `field` when it is set but `needed` is not: "`a` requires `b`: remove a or <fix>". */
export function requires(field: string, present: boolean, needed: string, fix: string): void {
  if (!present) fail(field, `\`${field}\` requires \`${needed}\`: remove ${field} or ${fix}`);
}

/** Refuses a value outside `allowed`, listing the allowed values. */
export function checkOneOf(field: string, value: unknown, allowed: readonly string[]): void {
  if (typeof value !== "string" || !allowed.includes(value)) {
    fail(
      field,
      `\`${field}\` is ${JSON.stringify(value)}, which is unknown: use one of ${allowed.join(", ")}`,
    );
  }
}

/** Refuses a function or schema name that OpenAI would refuse: 1–64 of `a-zA-Z0-9_-`. */
export function checkName(field: string, name: unknown): asserts name is string {
  if (typeof name !== "string" || !/^[\w-]{1,64}$/.test(name)) {
    fail(field, `\`${field}\` must be 1–64 letters, digits, _ or -: add or fix the name`);
  }
}
