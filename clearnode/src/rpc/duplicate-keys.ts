/**
 * The first key that appears twice in one object of a JSON text, compared without case as Go's decoder
 * matches struct fields; null when there is none. The text must already be valid JSON. Iterative, so
 * nesting as deep as the frame parser allows costs no stack.
 */
export function firstDuplicateKey(json: Uint8Array): string | null {
  // One entry per open object (the keys seen so far) or array (null).
  const open: (Set<string> | null)[] = [];
  let expectingKey = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (c === 0x22 /* " */) {
      const start = i;
      for (i++; json[i] !== 0x22; i++) if (json[i] === 0x5c /* \ */) i++;
      const keys = open[open.length - 1];
      if (expectingKey && keys) {
        const key = (
          JSON.parse(Buffer.from(json.subarray(start, i + 1)).toString('utf8')) as string
        ).toLowerCase();
        if (keys.has(key)) return key;
        keys.add(key);
        expectingKey = false;
      }
    } else if (c === 0x7b /* { */) {
      open.push(new Set());
      expectingKey = true;
    } else if (c === 0x5b /* [ */) {
      open.push(null);
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      open.pop();
    } else if (c === 0x2c /* , */) {
      expectingKey = open[open.length - 1] != null;
    }
  }
  return null;
}
