import { EdgeError } from '../edge.error';

export interface JsonShapeLimits {
  /** Nesting of objects and arrays. */
  maxDepth: number;
  /** Values in containers: every `{`, `[` and `,` outside strings (a close upper bound). */
  maxElements: number;
}

const [QUOTE, BACKSLASH, COMMA, OPEN_BRACE, OPEN_BRACKET, CLOSE_BRACE, CLOSE_BRACKET] = ['"', '\\', ',', '{', '[', '}', ']'].map((c) =>
  c.charCodeAt(0),
);

/**
 * Counts depth and elements on the raw bytes, before JSON.parse builds anything: 9 MB of
 * `[{},{},…]` is three million objects, more than a 192 MB heap holds, though well under the byte
 * limit. One pass, no allocation; malformed JSON is left to JSON.parse to name.
 */
export function checkJsonShape(bytes: Buffer, limits: JsonShapeLimits): void {
  let depth = 0;
  let elements = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
      continue;
    }
    if (b === QUOTE) inString = true;
    else if (b === OPEN_BRACE || b === OPEN_BRACKET) {
      if (++depth > limits.maxDepth)
        throw new EdgeError(400, 'JSON_TOO_DEEP', `the JSON body nests deeper than ${limits.maxDepth} levels`, 'body');
      elements++;
    } else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) depth--;
    else if (b === COMMA) elements++;
    if (elements > limits.maxElements) {
      throw new EdgeError(
        413,
        'JSON_TOO_MANY_ELEMENTS',
        `the JSON body has more than ${limits.maxElements.toLocaleString('en')} elements (objects, arrays and list items)`,
        'body',
      );
    }
  }
}
