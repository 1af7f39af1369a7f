import type { Connection } from '@temporalio/client';
import { SearchAttributeType } from '@temporalio/common';
import { msToTs } from '@temporalio/common/lib/time.js';
import proto from '@temporalio/proto';
import { ALL_SEARCH_ATTRIBUTES } from './search-attributes';

// Probity's namespaces and their search attributes, made to exist on a server that may already be
// running (the dev server from an earlier `npm start`, the time-skipping test server). Idempotent.

const { IndexedValueType } = proto.temporal.api.enums.v1;
export const INDEXED_TYPE: Record<SearchAttributeType, proto.temporal.api.enums.v1.IndexedValueType> = {
  [SearchAttributeType.TEXT]: IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  [SearchAttributeType.KEYWORD]: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  [SearchAttributeType.INT]: IndexedValueType.INDEXED_VALUE_TYPE_INT,
  [SearchAttributeType.DOUBLE]: IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  [SearchAttributeType.BOOL]: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  [SearchAttributeType.DATETIME]: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  [SearchAttributeType.KEYWORD_LIST]: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
};

type SearchAttributeKey = (typeof ALL_SEARCH_ATTRIBUTES)[number];

const GRPC_NOT_FOUND = 5;
const isNotFound = (err: unknown) => (err as { code?: number }).code === GRPC_NOT_FOUND;

/** Registers the namespace if it is missing (retention in days), then its missing search attributes. */
export async function ensureNamespace(connection: Connection, namespace: string, retentionDays = 30): Promise<{ created: boolean; searchAttributesAdded: string[] }> {
  let created = false;
  try {
    await connection.workflowService.describeNamespace({ namespace });
  } catch (err) {
    if (!isNotFound(err)) throw err;
    await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs(`${retentionDays} days`) });
    created = true;
  }
  const existing = await listCustomSearchAttributes(connection, namespace);
  const missing = ALL_SEARCH_ATTRIBUTES.filter((k) => !existing.has(k.name));
  if (missing.length > 0) await addSearchAttributes(connection, namespace, missing);
  return { created, searchAttributesAdded: missing.map((k) => k.name) };
}

/**
 * What is wrong with the namespace as the server has it now: missing or mistyped search
 * attributes. Empty when it is ready for Probity's workflows (the bootstrap job fails otherwise).
 */
export async function namespaceProblems(connection: Connection, namespace: string): Promise<string[]> {
  const res = await connection.operatorService.listSearchAttributes({ namespace });
  const have = res.customAttributes ?? {};
  return ALL_SEARCH_ATTRIBUTES.flatMap((k) =>
    have[k.name] === undefined ? [`search attribute ${k.name} missing`]
      : have[k.name] !== INDEXED_TYPE[k.type] ? [`search attribute ${k.name} has type ${String(have[k.name])}, expected ${String(INDEXED_TYPE[k.type])}`] : []);
}

/** A namespace registered a moment ago takes a while to reach every frontend cache: wait for it. */
async function listCustomSearchAttributes(connection: Connection, namespace: string): Promise<Set<string>> {
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await connection.operatorService.listSearchAttributes({ namespace });
      return new Set(Object.keys(res.customAttributes ?? {}));
    } catch (err) {
      if (!isNotFound(err) || attempt >= 60) throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/** Registers search attributes by their typed keys (the time-skipping test server has no list call). */
export async function addSearchAttributes(connection: Connection, namespace: string, keys: readonly SearchAttributeKey[] = ALL_SEARCH_ATTRIBUTES): Promise<void> {
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(keys.map((k) => [k.name, INDEXED_TYPE[k.type]])),
  });
}
