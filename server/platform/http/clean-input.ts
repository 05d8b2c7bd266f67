import type { FastifyRequest } from 'fastify';
import type { Localized } from '../../../contracts/locales.js';
import { AppError, commonErrors, type FieldErrors, localized } from '../errors.js';
import { isMultilineSchema } from './fields.js';

/**
 * The one input layer: every string of a request's body, query and params (and, through
 * `cleanTextField`, of a multipart upload's text fields) is checked and normalised here before any
 * schema or handler sees it, so no route can forget it.
 *
 * Refused, with 400 naming the field: a lone surrogate (JSON's `\ud800` escapes decode to one; a
 * database would store it as U+FFFD or reject it), C0 control characters (tab, LF and CR only in
 * fields whose schema is marked `multilineText`), DEL and C1. Accepted strings are stored in NFC,
 * so a name typed with a combining accent (e + U+0301) equals the precomposed one.
 *
 * Passwords go through the same layer: RFC 8265's OpaqueString profile normalises passwords to
 * NFC and disallows control characters, so a password typed on another keyboard still matches.
 * (OpaqueString also maps non-ASCII spaces to U+0020; we do not, to keep every typed character.)
 *
 * Webhooks signed over their raw body (CTI) keep the raw text for the signature: only the parsed
 * copy is normalised.
 */

type Problem = 'surrogate' | 'control' | 'line_break';

const problemText: Record<Problem, Localized> = {
  surrogate: localized(
    '含有无法识别的字符(编码损坏),请删除后重新输入',
    '含有無法識別的字元(編碼損壞),請刪除後重新輸入',
    'Contains an unreadable character (broken encoding); delete it and type it again',
  ),
  control: localized(
    '含有不可见的控制字符,请删除后重新输入',
    '含有不可見的控制字元,請刪除後重新輸入',
    'Contains an invisible control character; delete it and type it again',
  ),
  line_break: localized(
    '只能填写一行,不能换行或含制表符',
    '只能填寫一行,不能換行或含定位字元',
    'Must be a single line (no line breaks or tabs)',
  ),
};

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is their purpose
const controlCharacter = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const lineBreakOrTab = /[\t\n\r]/;
/** A surrogate code unit not part of a pair: in `u` mode only a lone one reads as the code point U+D800–DFFF. */
const loneSurrogate = /\p{Surrogate}/u;

function problemOf(text: string, isMultiline: boolean): Problem | null {
  if (loneSurrogate.test(text)) return 'surrogate';
  if (controlCharacter.test(text)) return 'control';
  if (!isMultiline && lineBreakOrTab.test(text)) return 'line_break';
  return null;
}

// ---------- the route's schema, walked beside the data to find multi-line fields ----------

/** The parts of zod 4's schema definitions this walk reads (`schema._zod.def`). */
interface SchemaDef {
  type: string;
  innerType?: SchemaNode;
  in?: SchemaNode;
  out?: SchemaNode;
  options?: SchemaNode[];
  shape?: Record<string, SchemaNode>;
  catchall?: SchemaNode;
  element?: SchemaNode;
  valueType?: SchemaNode;
  items?: SchemaNode[];
  rest?: SchemaNode | null;
  left?: SchemaNode;
  right?: SchemaNode;
  getter?: () => SchemaNode;
}
interface SchemaNode {
  _zod: { def: SchemaDef };
}

function isSchemaNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && '_zod' in value;
}

interface Shapes {
  /** The structural schemas (objects, arrays, strings…) that may describe the value here. */
  nodes: SchemaNode[];
  isMultiline: boolean;
}

const expanded = new WeakMap<SchemaNode, Shapes>();

/** Looks through wrappers (optional, default, pipe, union…) to the schemas that shape a value. */
function expand(schema: SchemaNode): Shapes {
  const cached = expanded.get(schema);
  if (cached) return cached;
  const shapes: Shapes = { nodes: [], isMultiline: false };
  const seen = new Set<SchemaNode>();
  const visit = (node: SchemaNode | null | undefined) => {
    if (!node || seen.has(node)) return;
    seen.add(node);
    if (isMultilineSchema(node)) shapes.isMultiline = true;
    const def = node._zod.def;
    switch (def.type) {
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'nonoptional':
      case 'readonly':
      case 'catch':
        visit(def.innerType);
        return;
      case 'pipe':
        visit(def.in);
        visit(def.out);
        return;
      case 'union':
        for (const option of def.options ?? []) visit(option);
        return;
      case 'intersection':
        visit(def.left);
        visit(def.right);
        return;
      case 'lazy':
        visit(def.getter?.());
        return;
      default:
        shapes.nodes.push(node);
    }
  };
  visit(schema);
  expanded.set(schema, shapes);
  return shapes;
}

function childSchemas(parents: SchemaNode[], key: string | number): SchemaNode[] {
  const children: SchemaNode[] = [];
  for (const parent of parents) {
    const def = parent._zod.def;
    let child: SchemaNode | null | undefined;
    if (def.type === 'object') child = def.shape?.[key] ?? def.catchall;
    else if (def.type === 'record') child = def.valueType;
    else if (def.type === 'array') child = def.element;
    else if (def.type === 'tuple')
      child = typeof key === 'number' ? (def.items?.[key] ?? def.rest) : undefined;
    if (child) children.push(child);
  }
  return children;
}

// ---------- the walk ----------

const maxDepth = 32;

/**
 * Checks and NFC-normalises every string inside `value` (object keys too), in place for objects and
 * arrays; returns the value to use. Problems are collected per dot-separated field path.
 */
function cleanValue(
  value: unknown,
  schemas: SchemaNode[],
  path: string,
  problems: FieldErrors,
  depth: number,
): unknown {
  if (typeof value === 'string') {
    const isMultiline = schemas.some((schema) => expand(schema).isMultiline);
    const problem = problemOf(value, isMultiline);
    if (problem) {
      problems[path || '_'] ??= problemText[problem];
      return value;
    }
    return value.normalize('NFC');
  }
  if (typeof value !== 'object' || value === null || depth > maxDepth || Buffer.isBuffer(value)) return value;
  const shapes = schemas.flatMap((schema) => expand(schema).nodes);
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++)
      value[index] = cleanValue(
        value[index],
        childSchemas(shapes, index),
        path ? `${path}.${index}` : String(index),
        problems,
        depth + 1,
      );
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const fieldPath = path ? `${path}.${key}` : key;
    const keyProblem = problemOf(key, false);
    if (keyProblem) {
      problems[fieldPath] ??= problemText[keyProblem];
      continue;
    }
    const cleaned = cleanValue(record[key], childSchemas(shapes, key), fieldPath, problems, depth + 1);
    const normalKey = key.normalize('NFC');
    if (normalKey !== key) delete record[key];
    record[normalKey] = cleaned;
  }
  return record;
}

function schemaOf(schema: unknown): SchemaNode[] {
  return isSchemaNode(schema) ? [schema] : [];
}

/** preValidation hook of the whole app: refuses bad text in body, query and params, NFC-normalises the rest. */
export async function cleanRequestInput(request: FastifyRequest): Promise<void> {
  const schema = request.routeOptions.schema;
  const problems: FieldErrors = {};
  request.params = cleanValue(request.params, schemaOf(schema?.params), '', problems, 0);
  request.query = cleanValue(request.query, schemaOf(schema?.querystring), '', problems, 0);
  request.body = cleanValue(request.body, schemaOf(schema?.body), '', problems, 0);
  if (Object.keys(problems).length > 0) throw new AppError(commonErrors.VALIDATION_FAILED, {}, problems);
}

/** A multipart upload's text field, under the same rules (single line). */
export function cleanTextField(name: string, value: string): string {
  const problem = problemOf(value, false);
  if (problem) throw new AppError(commonErrors.VALIDATION_FAILED, {}, { [name]: problemText[problem] });
  return value.normalize('NFC');
}
