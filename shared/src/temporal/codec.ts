import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec } from '@temporalio/common';
import proto from '@temporalio/proto';
import type { Config } from '../config';

const { temporal } = proto; // CommonJS package: named exports are not visible to ESM

// Encrypts every payload (workflow inputs, results, signals, updates, activity arguments) with
// AES-256-GCM before it reaches Temporal, so personal data is never plain text in a history that
// ops can read in the Temporal UI. The codec endpoint (services/worker) decrypts for people who
// are allowed to see it.
//
// Keys rotate: each payload carries the id of the key that encrypted it, and is decrypted with
// that key. New payloads use the current key; previous keys only decrypt what they once wrote,
// for as long as a history (a running case, a retained one, a replay fixture) holds such payloads.
const ENCODING = 'binary/encrypted';
const KEY_ID_META = 'encryption-key-id';
/** The id every payload was written with before ids were configurable (and still the default). */
export const DEFAULT_PAYLOAD_KEY_ID = 'probity-1';

export interface PayloadKey {
  id: string;
  /** 64 hex characters: a 256-bit AES key. */
  hexKey: string;
}

export interface PayloadKeyring {
  /** Encrypts every new payload. */
  current: PayloadKey;
  /** Decrypt only: payloads written under them before a rotation. */
  previous?: PayloadKey[];
}

/** A payload names a key that is not configured: it cannot be read until that key is added. */
export class UnknownPayloadKeyError extends Error {
  override readonly name = 'UnknownPayloadKeyError';
}

/** The keyring the configuration describes (PAYLOAD_KEY + PAYLOAD_KEY_ID, PAYLOAD_KEYS_PREVIOUS). */
export function payloadKeyring(config: Pick<Config, 'PAYLOAD_KEY' | 'PAYLOAD_KEY_ID' | 'PAYLOAD_KEYS_PREVIOUS'>): PayloadKeyring {
  return { current: { id: config.PAYLOAD_KEY_ID, hexKey: config.PAYLOAD_KEY }, previous: config.PAYLOAD_KEYS_PREVIOUS };
}

/** A single key (tests, tools) is the current key under the default id. */
const asKeyring = (keys: string | PayloadKeyring): PayloadKeyring =>
  typeof keys === 'string' ? { current: { id: DEFAULT_PAYLOAD_KEY_ID, hexKey: keys } } : keys;

function keyBytes(k: PayloadKey): Buffer {
  const key = Buffer.from(k.hexKey, 'hex');
  if (key.length !== 32) throw new Error(`payload key '${k.id}' must be 32 bytes (64 hex characters)`);
  return key;
}

export class EncryptionCodec implements PayloadCodec {
  private readonly currentId: string;
  private readonly keys = new Map<string, Buffer>();

  constructor(keys: string | PayloadKeyring) {
    const ring = asKeyring(keys);
    this.currentId = ring.current.id;
    for (const k of [ring.current, ...(ring.previous ?? [])]) {
      if (this.keys.has(k.id)) throw new Error(`payload key id '${k.id}' is configured twice`);
      this.keys.set(k.id, keyBytes(k));
    }
  }

  /** The ids this codec can decrypt, current first. */
  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const key = this.keys.get(this.currentId)!;
    return payloads.map((p) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const plain = temporal.api.common.v1.Payload.encode(p).finish();
      const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return {
        metadata: { [METADATA_ENCODING_KEY]: Buffer.from(ENCODING), [KEY_ID_META]: Buffer.from(this.currentId) },
        data,
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => {
      if (Buffer.from(p.metadata?.[METADATA_ENCODING_KEY] ?? []).toString() !== ENCODING || !p.data) return p;
      const keyId = p.metadata?.[KEY_ID_META] ? Buffer.from(p.metadata[KEY_ID_META]).toString() : DEFAULT_PAYLOAD_KEY_ID;
      const key = this.keys.get(keyId);
      if (!key) {
        throw new UnknownPayloadKeyError(
          `payload encrypted with key '${keyId}', which is not configured (known: ${this.keyIds.join(', ')}); add it to PAYLOAD_KEYS_PREVIOUS as ${keyId}:<hex key>`,
        );
      }
      const buf = Buffer.from(p.data);
      const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(0, 12));
      decipher.setAuthTag(buf.subarray(buf.length - 16));
      const plain = Buffer.concat([decipher.update(buf.subarray(12, buf.length - 16)), decipher.final()]);
      return temporal.api.common.v1.Payload.decode(plain);
    });
  }
}

/** The data converter of every Temporal client and worker: the keyring from config (or one key). */
export function dataConverter(keys: string | PayloadKeyring) {
  return { payloadCodecs: [new EncryptionCodec(keys)] };
}
