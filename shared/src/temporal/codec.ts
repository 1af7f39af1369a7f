import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec } from '@temporalio/common';
import proto from '@temporalio/proto';

const { temporal } = proto; // CommonJS package: named exports are not visible to ESM

// Encrypts every payload (workflow inputs, results, signals, updates, activity arguments) with
// AES-256-GCM before it reaches Temporal, so personal data is never plain text in a history that
// ops can read in the Temporal UI. The codec endpoint (services/worker) decrypts for people who
// are allowed to see it.
const ENCODING = 'binary/encrypted';
const KEY_ID_META = 'encryption-key-id';

export class EncryptionCodec implements PayloadCodec {
  private readonly key: Buffer;
  constructor(hexKey: string, private readonly keyId = 'probity-1') {
    this.key = Buffer.from(hexKey, 'hex');
    if (this.key.length !== 32) throw new Error('payload key must be 32 bytes (64 hex characters)');
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', this.key, iv);
      const plain = temporal.api.common.v1.Payload.encode(p).finish();
      const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return {
        metadata: { [METADATA_ENCODING_KEY]: Buffer.from(ENCODING), [KEY_ID_META]: Buffer.from(this.keyId) },
        data,
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => {
      if (Buffer.from(p.metadata?.[METADATA_ENCODING_KEY] ?? []).toString() !== ENCODING || !p.data) return p;
      const buf = Buffer.from(p.data);
      const decipher = createDecipheriv('aes-256-gcm', this.key, buf.subarray(0, 12));
      decipher.setAuthTag(buf.subarray(buf.length - 16));
      const plain = Buffer.concat([decipher.update(buf.subarray(12, buf.length - 16)), decipher.final()]);
      return temporal.api.common.v1.Payload.decode(plain);
    });
  }
}

export function dataConverter(hexKey: string) {
  return { payloadCodecs: [new EncryptionCodec(hexKey)] };
}
