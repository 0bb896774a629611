import fastJson from 'fast-json-stringify';
import { z } from 'zod';

type JsonSchema = { [key: string]: unknown };

/**
 * The JSON Schema of a response contract, in the form fast-json-stringify serialises fastest. A nullable scalar
 * becomes a type list instead of `anyOf` (which fast-json-stringify settles by running a validator on every value);
 * bounds are dropped, since a serialiser does not check them.
 */
export function serializableSchema(schema: z.ZodType): JsonSchema {
  const simplify = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(simplify);
    if (!node || typeof node !== 'object') return node;
    const out: JsonSchema = {};
    for (const [key, value] of Object.entries(node)) {
      if (key !== '$schema' && key !== 'minimum' && key !== 'maximum') out[key] = simplify(value);
    }
    const anyOf = out.anyOf as JsonSchema[] | undefined;
    if (anyOf?.length === 2 && typeof anyOf[0]!.type === 'string' && anyOf[1]!.type === 'null' && Object.keys(anyOf[1]!).length === 1) {
      const { anyOf: _union, ...rest } = out;
      return { ...rest, ...anyOf[0], type: [anyOf[0]!.type, 'null'] };
    }
    return out;
  };
  return simplify(z.toJSONSchema(schema, { io: 'output' })) as JsonSchema;
}

/**
 * A response serialiser compiled from the zod contract, for hot routes: the default one checks every response
 * against the contract (zod) before `JSON.stringify`, which cost the project list about a tenth of its CPU under
 * load. The compiled one writes only the contract's fields, in its order.
 *
 * It does not check values, so in tests (`verify`, on under Vitest) it also serialises the zod way and refuses to
 * answer when the two differ: every test that goes through such a route checks its response against the contract.
 */
export function compiledSerializer(schema: z.ZodType, { verify = !!process.env.VITEST } = {}): (data: unknown) => string {
  const serialize = fastJson(serializableSchema(schema) as unknown as Parameters<typeof fastJson>[0]);
  if (!verify) return serialize;
  return (data) => {
    const fast = serialize(data);
    const checked = JSON.stringify(z.encode(schema, data as never));
    if (fast !== checked) throw new Error(`compiled serializer disagrees with the contract:\n${fast}\n${checked}`);
    return fast;
  };
}

/** A route's `serializerCompiler` that compiles its zod response schemas (the route keeps them for the OpenAPI document). */
export function compiledSerializerCompiler({ schema }: { schema: unknown }): (data: unknown) => string {
  if (!(schema instanceof z.ZodType)) throw new Error('compiledSerializerCompiler needs a zod response schema');
  return compiledSerializer(schema);
}
