import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors/r9s-error";
import { validateHeaders } from "./validate-headers";

function errorOf(run: () => void): ValidationError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error("expected a ValidationError");
}

describe("validateHeaders", () => {
  it("accepts ordinary headers, undefined and unset values", () => {
    expect(() => validateHeaders(undefined)).not.toThrow();
    expect(() =>
      validateHeaders({
        "x-trace-id": "abc 123",
        "X-Title": "My app",
        "x-null": null,
        "x-undefined": undefined,
      }),
    ).not.toThrow();
    expect(() => validateHeaders({ "x-latin": "café\tau lait" })).not.toThrow();
  });

  it.each([
    ["CR LF", "a\r\nInjected: yes"],
    ["LF", "a\nb"],
    ["CR", "a\rb"],
    ["NUL", "a\0b"],
  ])("refuses a value with %s (header injection)", (_name, value) => {
    const error = errorOf(() => validateHeaders({ "x-ok": "1", "x-trace": value }));
    expect(error.field).toBe("headers.x-trace");
    expect(error.message).toContain("header injection");
    expect(error.message).toContain("remove line breaks");
  });

  it.each([["x trace"], ["x:trace"], [""], ["x-é"]])("refuses the header name %j", (name) => {
    const error = errorOf(() => validateHeaders({ [name]: "1" }));
    expect(error.field).toBe(`headers.${name}`);
    expect(error.message).toContain("not a valid HTTP token: use letters, digits");
  });

  it("refuses characters no transport can send", () => {
    const error = errorOf(() => validateHeaders({ "x-title": "price in €" }));
    expect(error.field).toBe("headers.x-title");
    expect(error.message).toContain("encode the value");
  });

  it("uses the given field prefix", () => {
    expect(errorOf(() => validateHeaders({ "x-a": "\n" }, "options.headers")).field).toBe(
      "options.headers.x-a",
    );
  });
});
