/**
 * A data file the operator edits (catalog, rules) is wrong. The message names the file, the
 * place in it (a JSON path such as `products[3].pricing[0].amountMinor`) and the reason, so a
 * bad edit can be fixed without reading code.
 */
export class FileValidationError extends Error {
  constructor(
    readonly file: string,
    readonly place: string,
    readonly reason: string,
  ) {
    super(`${file}: ${place}: ${reason}`);
    this.name = 'FileValidationError';
  }
}

/** `['products', 3, 'pricing', 0]` → `products[3].pricing[0]`; the empty path is `(root)`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$-]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out === '' ? '(root)' : out;
}

/** Line and column (1-based) of a character offset in a text. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/**
 * Parses JSON text; a syntax error becomes a FileValidationError naming line and column
 * (Node reports "at position N"; newer versions also print line/column themselves).
 */
export function parseJsonFile(file: string, text: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const position = /at position (\d+)/.exec(message);
    const where = /\(line (\d+) column (\d+)\)/.exec(message);
    const place = where
      ? `line ${where[1]}, column ${where[2]}`
      : position
        ? (({ line, column }) => `line ${line}, column ${column}`)(lineColumn(text, Number(position[1])))
        : text.trim() === ''
          ? 'line 1, column 1'
          : '(root)';
    const reason = `invalid JSON: ${message.replace(/\s*in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, '')}`;
    throw new FileValidationError(file, place, reason);
  }
}
