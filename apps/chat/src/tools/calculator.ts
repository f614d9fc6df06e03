/**
 * A safe arithmetic evaluator for the `calculate` demo tool: a small
 * recursive-descent parser (no `eval`, no `Function`). Numbers, `+ - * / %`,
 * `^` (right-associative), parentheses, unary signs, `pi`, `e` and the
 * functions `sqrt abs round floor ceil sin cos tan ln log`.
 */
export function calculate(expression: string): number {
  const parser = new Parser(expression);
  const value = parser.parseExpression();
  parser.expectEnd();
  if (!Number.isFinite(value)) throw new Error("The result is not a finite number (division by zero?).");
  return value;
}

const FUNCTIONS: Record<string, (value: number) => number> = {
  sqrt: Math.sqrt,
  abs: Math.abs,
  round: Math.round,
  floor: Math.floor,
  ceil: Math.ceil,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  ln: Math.log,
  log: Math.log10,
};

const CONSTANTS: Record<string, number> = { pi: Math.PI, e: Math.E };

const MAX_LENGTH = 500;
const MAX_DEPTH = 50;

class Parser {
  private position = 0;
  private depth = 0;

  constructor(private readonly text: string) {
    if (text.length > MAX_LENGTH) throw new Error(`The expression is longer than ${MAX_LENGTH} characters.`);
  }

  // expression := term (("+" | "-") term)*
  parseExpression(): number {
    let value = this.parseTerm();
    for (;;) {
      const operator = this.peek();
      if (operator !== "+" && operator !== "-") return value;
      this.position++;
      const right = this.parseTerm();
      value = operator === "+" ? value + right : value - right;
    }
  }

  // term := power (("*" | "/" | "%") power)*
  private parseTerm(): number {
    let value = this.parsePower();
    for (;;) {
      const operator = this.peek();
      if (operator !== "*" && operator !== "/" && operator !== "%") return value;
      this.position++;
      const right = this.parsePower();
      value = operator === "*" ? value * right : operator === "/" ? value / right : value % right;
    }
  }

  // power := unary ("^" power)?   (right-associative: 2^3^2 = 2^9)
  private parsePower(): number {
    const base = this.parseUnary();
    if (this.peek() !== "^") return base;
    this.position++;
    return base ** this.nested(() => this.parsePower());
  }

  // unary := ("+" | "-") unary | primary
  private parseUnary(): number {
    const sign = this.peek();
    if (sign === "+" || sign === "-") {
      this.position++;
      const value = this.nested(() => this.parseUnary());
      return sign === "-" ? -value : value;
    }
    return this.parsePrimary();
  }

  // primary := number | constant | function "(" expression ")" | "(" expression ")"
  private parsePrimary(): number {
    const next = this.peek();
    if (next === "(") {
      this.position++;
      const value = this.nested(() => this.parseExpression());
      this.expect(")");
      return value;
    }
    const number = /^(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?/i.exec(this.rest());
    if (number) {
      this.position += number[0].length;
      return Number(number[0]);
    }
    const name = /^[a-z]+/i.exec(this.rest())?.[0].toLowerCase();
    if (name !== undefined) {
      this.position += name.length;
      if (Object.hasOwn(CONSTANTS, name)) return CONSTANTS[name]!;
      const apply = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
      if (!apply) throw new Error(`Unknown name "${name}".`);
      this.expect("(");
      const argument = this.nested(() => this.parseExpression());
      this.expect(")");
      return apply(argument);
    }
    throw new Error(
      next === undefined ? "The expression ends too early." : `Unexpected "${next}" at ${this.position + 1}.`,
    );
  }

  expectEnd(): void {
    const next = this.peek();
    if (next !== undefined) throw new Error(`Unexpected "${next}" at ${this.position + 1}.`);
  }

  private expect(character: string): void {
    if (this.peek() !== character) throw new Error(`Expected "${character}" at ${this.position + 1}.`);
    this.position++;
  }

  private nested(parse: () => number): number {
    if (++this.depth > MAX_DEPTH) throw new Error("The expression is nested too deeply.");
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  /** The next non-space character, skipping spaces; `undefined` at the end. */
  private peek(): string | undefined {
    while (this.position < this.text.length && /\s/.test(this.text[this.position]!)) this.position++;
    const character = this.text[this.position];
    return character === "×" ? "*" : character === "÷" ? "/" : character;
  }

  private rest(): string {
    return this.text.slice(this.position);
  }
}
