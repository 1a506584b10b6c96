// How far a JSON value goes, measured without recursion (a body may be nested thousands deep, which
// would overflow the stack of anything that walks it recursively: a validator, JSON.stringify).

/** What in a JSON value is beyond the limits, found without recursion (a body may be nested thousands deep). */
export function beyondLimits(
  value: unknown,
  limits: { depth: number; stringLength: number; documentFields?: readonly string[] },
): string | undefined {
  const stack: [unknown, number][] = [[value, 0]];
  // A top-level field that carries a document of its own (a JSONL manifest) is bounded by the body's
  // size only; its reader checks what is inside.
  if (limits.documentFields?.length && value !== null && typeof value === "object" && !Array.isArray(value)) {
    stack.pop();
    for (const [key, child] of Object.entries(value)) {
      if (key.length > limits.stringLength)
        return `a key of ${key.length} characters, at most ${limits.stringLength}`;
      if (typeof child === "string" && limits.documentFields.includes(key)) continue;
      stack.push([child, 1]);
    }
  }
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node === "string") {
      if (node.length > limits.stringLength)
        return `a string of ${node.length} characters, at most ${limits.stringLength}`;
      continue;
    }
    if (node === null || typeof node !== "object") continue;
    if (depth >= limits.depth) return `nested more than ${limits.depth} levels deep`;
    for (const [key, child] of Object.entries(node)) {
      if (key.length > limits.stringLength)
        return `a key of ${key.length} characters, at most ${limits.stringLength}`;
      stack.push([child, depth + 1]);
    }
  }
  return undefined;
}
