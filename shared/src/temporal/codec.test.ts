import { describe, expect, it } from 'vitest';
import { defaultPayloadConverter, METADATA_ENCODING_KEY, type Payload } from '@temporalio/common';
import { ConfigError, loadConfig } from '../config';
import { DEFAULT_PAYLOAD_KEY_ID, EncryptionCodec, UnknownPayloadKeyError, payloadKeyring, type PayloadKeyring } from './codec';

const OLD = { id: 'probity-1', hexKey: '11'.repeat(32) };
const NEW = { id: 'probity-2', hexKey: '22'.repeat(32) };
const before: PayloadKeyring = { current: OLD };
const rotated: PayloadKeyring = { current: NEW, previous: [OLD] };

const keyIdOf = (p: Payload) => Buffer.from(p.metadata!['encryption-key-id']!).toString();
const value = { complainant: 'Casey Example', ref: 'CO-2026-000001' };

describe('payload encryption with rotating keys', () => {
  it('writes the current key id; after a rotation old payloads still decode and new ones use the new key', async () => {
    const [old] = await new EncryptionCodec(before).encode([defaultPayloadConverter.toPayload(value)]);
    expect(keyIdOf(old!)).toBe('probity-1');
    expect(Buffer.from(old!.data!).toString('latin1')).not.toContain('Casey');

    const codec = new EncryptionCodec(rotated);
    const [decoded] = await codec.decode([old!]);
    expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual(value);

    const [fresh] = await codec.encode([defaultPayloadConverter.toPayload(value)]);
    expect(keyIdOf(fresh!)).toBe('probity-2');
    expect(defaultPayloadConverter.fromPayload((await codec.decode([fresh!]))[0]!)).toEqual(value);
    // Really the new key: a codec with only the old key cannot read it, and says which key it needs.
    await expect(new EncryptionCodec(before).decode([fresh!])).rejects.toThrow(
      "payload encrypted with key 'probity-2', which is not configured (known: probity-1); add it to PAYLOAD_KEYS_PREVIOUS as probity-2:<hex key>",
    );
  });

  it('refuses a payload of an unknown key with a clear error, and one tampered with', async () => {
    const [p] = await new EncryptionCodec({ current: { id: 'elsewhere', hexKey: '33'.repeat(32) } }).encode([defaultPayloadConverter.toPayload(value)]);
    await expect(new EncryptionCodec(rotated).decode([p!])).rejects.toBeInstanceOf(UnknownPayloadKeyError);
    // Same id, another key: authentication fails (never silently wrong data).
    const [q] = await new EncryptionCodec({ current: { id: 'probity-1', hexKey: '44'.repeat(32) } }).encode([defaultPayloadConverter.toPayload(value)]);
    await expect(new EncryptionCodec(rotated).decode([q!])).rejects.toThrow(/unable to authenticate|auth/i);
  });

  it('reads a payload without a key id as the default id, and leaves plain payloads alone', async () => {
    const [p] = await new EncryptionCodec(OLD.hexKey).encode([defaultPayloadConverter.toPayload(value)]);
    expect(keyIdOf(p!)).toBe(DEFAULT_PAYLOAD_KEY_ID);
    const { ['encryption-key-id']: _dropped, ...metadata } = p!.metadata!;
    expect(defaultPayloadConverter.fromPayload((await new EncryptionCodec(rotated).decode([{ ...p!, metadata }]))[0]!)).toEqual(value);
    const plain = defaultPayloadConverter.toPayload('not secret');
    expect(Buffer.from(plain.metadata![METADATA_ENCODING_KEY]!).toString()).not.toBe('binary/encrypted');
    expect(await new EncryptionCodec(rotated).decode([plain])).toEqual([plain]);
  });
});

describe('payload keys in the configuration', () => {
  it('defaults to one key under probity-1 (what every existing history carries)', () => {
    const ring = payloadKeyring(loadConfig({}));
    expect(ring.current.id).toBe('probity-1');
    expect(ring.previous).toEqual([]);
  });

  it('takes a new current key and id with the previous keys listed as id:hexkey', () => {
    const ring = payloadKeyring(loadConfig({ PAYLOAD_KEY: NEW.hexKey, PAYLOAD_KEY_ID: NEW.id, PAYLOAD_KEYS_PREVIOUS: `${OLD.id}:${OLD.hexKey}, probity-0:${'55'.repeat(32)}` }));
    expect(ring).toEqual({ current: NEW, previous: [OLD, { id: 'probity-0', hexKey: '55'.repeat(32) }] });
  });

  it('refuses malformed entries without echoing the key, duplicates, and a previous key under the current id', () => {
    const refusal = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        return (err as Error).message;
      }
      throw new Error('expected a ConfigError');
    };
    const bad = refusal({ PAYLOAD_KEYS_PREVIOUS: `probity-0:${'66'.repeat(31)}` });
    expect(bad).toMatch(/PAYLOAD_KEYS_PREVIOUS: entry 1 is not "id:hexkey"/);
    expect(bad).not.toContain('6666');
    expect(refusal({ PAYLOAD_KEYS_PREVIOUS: `a:${OLD.hexKey},a:${NEW.hexKey}` })).toMatch(/key id 'a' appears twice/);
    expect(refusal({ PAYLOAD_KEYS_PREVIOUS: `probity-1:${OLD.hexKey}` })).toMatch(/key id 'probity-1' is the current PAYLOAD_KEY_ID/);
    expect(refusal({ PAYLOAD_KEY_ID: 'has spaces' })).toMatch(/PAYLOAD_KEY_ID must be/);
  });
});
