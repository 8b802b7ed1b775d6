/**
 * Deterministic JSON: object keys sorted, undefined members dropped (as JSON.stringify does),
 * so two structurally equal frameworks hash the same whatever order their keys were written in.
 */
export function stableStringify(value: unknown): string {
  return serialize(value, false) ?? 'null';
}

function serialize(value: unknown, inArray: boolean): string | undefined {
  if (value === null) return 'null';
  if (value !== undefined && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return serialize((value as { toJSON: () => unknown }).toJSON(), inArray);
  }
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('stableStringify: BigInt is not JSON-serializable');
    case 'undefined':
    case 'function':
    case 'symbol':
      return inArray ? 'null' : undefined;
    default:
      break;
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => serialize(item, true) ?? 'null').join(',')}]`;
  }
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const item = serialize(record[key], false);
    if (item !== undefined) parts.push(`${JSON.stringify(key)}:${item}`);
  }
  return `{${parts.join(',')}}`;
}
