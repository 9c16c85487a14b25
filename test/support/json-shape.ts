/**
 * The key structure of JSON answers, for comparing two sources of the same
 * endpoint (the docs' examples and our emulator). Values are ignored; a key
 * that is null in one answer and an object in another counts as the object,
 * so the union over several answers shows every key an endpoint can carry.
 */
export type Shape = { kind: 'leaf' } | { kind: 'object'; keys: Map<string, Shape> } | { kind: 'array'; item: Shape | null };

export function shapeOf(value: unknown): Shape {
  if (Array.isArray(value)) return { kind: 'array', item: value.map(shapeOf).reduce<Shape | null>((a, b) => (a ? mergeShapes(a, b) : b), null) };
  if (value && typeof value === 'object') {
    return { kind: 'object', keys: new Map(Object.entries(value).map(([key, inner]) => [key, shapeOf(inner)])) };
  }
  return { kind: 'leaf' };
}

export function mergeShapes(a: Shape, b: Shape): Shape {
  if (a.kind === 'leaf') return b;
  if (b.kind === 'leaf') return a;
  if (a.kind === 'array' && b.kind === 'array') {
    return { kind: 'array', item: a.item && b.item ? mergeShapes(a.item, b.item) : (a.item ?? b.item) };
  }
  if (a.kind === 'object' && b.kind === 'object') {
    const keys = new Map(a.keys);
    for (const [key, shape] of b.keys) keys.set(key, keys.has(key) ? mergeShapes(keys.get(key)!, shape) : shape);
    return { kind: 'object', keys };
  }
  // An object in one answer and an array in another: keep both visible as a mismatch.
  return { kind: 'object', keys: new Map([['<object or array>', a], ['<array or object>', b]]) };
}

/** The union shape of several answers. */
export function unionShape(values: readonly unknown[]): Shape {
  return values.map(shapeOf).reduce<Shape>((a, b) => mergeShapes(a, b), { kind: 'leaf' });
}

/**
 * Every key path: `data[].verification.firstName`. Keys of free-form maps
 * (Stripe's `metadata`, `options`) are the caller's to leave out.
 */
export function keyPaths(shape: Shape, prefix = '', skip: ReadonlySet<string> = new Set()): string[] {
  if (shape.kind === 'leaf') return [];
  if (shape.kind === 'array') return shape.item ? keyPaths(shape.item, `${prefix}[]`, skip) : [];
  return [...shape.keys].flatMap(([key, inner]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return skip.has(key) ? [path] : [path, ...keyPaths(inner, path, skip)];
  });
}
