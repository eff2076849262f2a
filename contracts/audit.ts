import { z } from 'zod';

// The audit chain's signed checkpoints (server/platform/audit-anchor.ts): a statement of the
// chain's head, signed with the installation's Ed25519 key, that anyone holding the public key can
// check against the chain. Gazettes and open-data exports print the latest one.

export const AuditCheckpoint = z.object({
  seq: z.number().int(),
  hash: z.string(),
  at: z.string(),
  keyId: z.string(),
  /** Ed25519, base64url, over JSON ["yishi-audit-checkpoint/1", seq, hash, at, keyId]. */
  signature: z.string(),
});
export type AuditCheckpoint = z.infer<typeof AuditCheckpoint>;

export const AuditCheckpoints = z.object({
  keyId: z.string(),
  /** The verifying key, PEM (SPKI). */
  publicKey: z.string(),
  checkpoints: z.array(AuditCheckpoint),
});
export type AuditCheckpoints = z.infer<typeof AuditCheckpoints>;

const CheckpointSource = z.union([z.object({ kind: z.literal('file'), path: z.string(), line: z.number().int() }), z.object({ kind: z.literal('database') })]);

export const AuditVerification = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBroken: z.object({ seq: z.number().int(), reason: z.string() }).optional(),
  checkpoints: z.object({
    ok: z.boolean(),
    checked: z.number().int(),
    newest: AuditCheckpoint.nullable(),
    broken: z.array(z.object({ seq: z.number().int().nullable(), reason: z.enum(['hash_mismatch', 'missing_entry', 'bad_signature', 'unknown_key', 'malformed']), sources: z.array(CheckpointSource) })),
  }),
});
export type AuditVerification = z.infer<typeof AuditVerification>;
