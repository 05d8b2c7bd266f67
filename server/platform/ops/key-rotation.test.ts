import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../modules/audit/index.js';
import { encryptedData, keyBoundHashes } from '../../modules/registry.js';
import { buildAccessWorld } from '../../testing/access-world/index.js';
import { createTestDatabase, type TestDatabase, testDialect } from '../../testing/test-database.js';
import { dataKeyFrom, decryptText, encryptText, forgetDataKeys, lookupHash } from '../crypto/index.js';
import { KeyRotationRefused } from '../crypto/rotate.js';
import { listColumns, listTables } from './inventory.js';
import { rotateKey } from './key-rotation.js';

const oldKey = randomBytes(32).toString('base64');
const savedEnv = { ...process.env };
let database: TestDatabase;
let dir: string;
let keyFile: string;
let companyId: string;
const now = new Date('2026-12-07T08:00:00.000Z');

/** Every sealed value and keyed hash of the registered columns, as stored. */
async function storedSecrets() {
  const db = database.db;
  return {
    buyers: await db
      .selectFrom('dealAgreementBuyers')
      .select(['id', 'idType', 'idNumberEnc', 'idNumberHash'])
      .execute(),
    statements: await db.selectFrom('dealThirdPartyStatements').select(['id', 'payerIdNumberEnc']).execute(),
    files: await db.selectFrom('dealFiles').select(['id', 'contentEnc']).execute(),
    cti: await db.selectFrom('ctiCredentials').select(['deskId', 'secretEncrypted']).execute(),
    providers: await db
      .selectFrom('notifyProviders')
      .select(['companyId', 'channel', 'secretJson'])
      .execute(),
    twoFactor: await db.selectFrom('staffTwoFactor').select(['staffId', 'secretEncrypted']).execute(),
    recoveryCodes: await db
      .selectFrom('staffRecoveryCodes')
      .select(['staffId', 'codeHash', 'usedAt'])
      .execute(),
  };
}

/** Opens every stored value with the process's current key, by the contexts the modules seal with. */
async function openAll() {
  const stored = await storedSecrets();
  return {
    buyers: stored.buyers.map((row) => {
      const plain = decryptText(row.idNumberEnc);
      return { plain, hashMatches: row.idNumberHash === lookupHash(`${row.idType}:${plain}`) };
    }),
    statements: stored.statements.map((row) => decryptText(row.payerIdNumberEnc)),
    files: stored.files.map((row) => decryptText(row.contentEnc).length),
    cti: stored.cti.map((row) => decryptText(row.secretEncrypted, `cti_credential:${row.deskId}`)),
    providers: stored.providers.map((row) =>
      decryptText(row.secretJson, `notify_provider:${row.companyId}:${row.channel}`),
    ),
    twoFactor: stored.twoFactor.map((row) =>
      decryptText(row.secretEncrypted, `staff-two-factor:${row.staffId}`),
    ),
  };
}

function useKey(text: string) {
  process.env.YINGKE_SECRET_KEY = text;
  forgetDataKeys();
}

beforeAll(async () => {
  useKey(oldKey);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingke-rotate-'));
  keyFile = path.join(dir, 'data.key');
  fs.writeFileSync(keyFile, oldKey, { mode: 0o600 });
  database = await createTestDatabase();
  // Deals with buyers' and payers' ID numbers and an ID copy, sealed by the deals module itself.
  const world = await buildAccessWorld(database);
  companyId = world.companyA;
  const desk = await database.db
    .selectFrom('desks')
    .select('id')
    .where('projectId', '=', world.e1)
    .executeTakeFirstOrThrow();
  const staffId = world.callers.finance.staffId;
  // A desk's CTI secret, an SMS gateway secret and a two-step secret with its recovery codes, sealed
  // as calls, notify and staff seal them (each bound to its row).
  await database.db
    .insertInto('ctiCredentials')
    .values({
      deskId: desk.id,
      companyId,
      secretEncrypted: encryptText('ykcti_desk-secret', `cti_credential:${desk.id}`),
      secretHint: 'cret',
      isEnabled: 1,
      rotatedAt: now.toISOString(),
      rotatedBy: null,
      lastEventAt: null,
    })
    .execute();
  await database.db
    .insertInto('notifyProviders')
    .values({
      id: 'provider-sms',
      companyId,
      channel: 'sms',
      isEnabled: 1,
      configJson: '{}',
      secretJson: encryptText('{"accessKeySecret":"gateway"}', `notify_provider:${companyId}:sms`),
      updatedAt: now.toISOString(),
      updatedBy: null,
    })
    .execute();
  await database.db
    .insertInto('staffTwoFactor')
    .values({
      staffId,
      secretEncrypted: encryptText('JBSWY3DPEHPK3PXP', `staff-two-factor:${staffId}`),
      confirmedAt: now.toISOString(),
      lastTimeStep: null,
      createdAt: now.toISOString(),
    })
    .execute();
  await database.db
    .insertInto('staffRecoveryCodes')
    .values(
      ['abcd-efgh-jk', 'mnpq-rstu-vw', 'xyz2-3456-78'].map((code, index) => ({
        id: `recovery-${index}`,
        staffId,
        codeHash: lookupHash(`staff-recovery:${staffId}:${code}`),
        usedAt: index === 0 ? now.toISOString() : null,
        createdAt: now.toISOString(),
      })),
    )
    .execute();
  // The access world is a few hundred rows through the use cases: slow on PostgreSQL under load.
}, 240_000);

afterAll(async () => {
  process.env = savedEnv;
  forgetDataKeys();
  await database?.drop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const rotation = (options: { oldKeyText: string; newKeyText?: string }) =>
  rotateKey({
    database,
    oldKey: { text: options.oldKeyText, source: 'test' },
    newKeyText: options.newKeyText,
    keyFile,
    tables: encryptedData,
    keyBound: keyBoundHashes,
    now,
  });

const snakeCase = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

describe(`key rotation (${testDialect})`, () => {
  it('knows every column that holds sealed values (a module that forgets to register one fails here)', async () => {
    const registered = new Set(
      encryptedData.flatMap((table) =>
        table.columns.map((column) => `${snakeCase(table.table)}.${snakeCase(column.column)}`),
      ),
    );
    const sealed: string[] = [];
    for (const table of await listTables(database.db, database.dialect))
      for (const column of await listColumns(database.db, database.dialect, table)) {
        const found = await sql<{ one: number }>`select 1 as one from ${sql.table(table)}
          where ${sql.ref(column)} like 'v1:%' limit 1`.execute(database.db);
        if (found.rows.length) sealed.push(`${table}.${column}`);
      }
    expect(sealed.length).toBeGreaterThanOrEqual(6);
    expect(sealed.filter((column) => !registered.has(column))).toEqual([]);
  });

  it('refuses a wrong old key and changes nothing, in the database or the key files', async () => {
    const before = await storedSecrets();
    const headBefore = (await verifyAuditChain(database.db)).headSeq;
    const refused = await rotation({ oldKeyText: randomBytes(32).toString('base64') }).catch(
      (error) => error,
    );
    expect(refused).toBeInstanceOf(KeyRotationRefused);
    expect((refused as KeyRotationRefused).failures.length).toBeGreaterThan(5);
    expect(await storedSecrets()).toEqual(before);
    expect((await verifyAuditChain(database.db)).headSeq).toBe(headBefore);
    expect(fs.readdirSync(dir)).toEqual(['data.key']);
    expect(fs.readFileSync(keyFile, 'utf8')).toBe(oldKey);
  });

  it('re-encrypts every sealed value under the new key: the old key opens none of them, the new key all', async () => {
    const before = await openAll();
    expect(before.buyers.length).toBeGreaterThan(0);
    expect(before.statements.length).toBeGreaterThan(0);
    expect(before.files.length).toBeGreaterThan(0);
    const newKey = randomBytes(32).toString('base64');
    const { report, files } = await rotation({ oldKeyText: oldKey, newKeyText: newKey });

    expect(report.reencrypted['dealAgreementBuyers.idNumberEnc']).toBe(before.buyers.length);
    expect(report.rehashed['dealAgreementBuyers.idNumberHash']).toBe(before.buyers.length);
    expect(report.reencrypted['ctiCredentials.secretEncrypted']).toBe(1);
    expect(report.reencrypted['notifyProviders.secretJson']).toBe(1);
    expect(report.reencrypted['staffTwoFactor.secretEncrypted']).toBe(1);
    // The two unused recovery codes cannot be hashed again (the codes are kept nowhere): voided.
    expect(report.voided['staff: unused recovery codes voided']).toBe(2);
    const codes = (await storedSecrets()).recoveryCodes;
    expect(codes).toHaveLength(1);
    expect(codes[0].usedAt).not.toBeNull();

    // The new key decrypts everything to the same values, and the ID numbers' lookup hashes follow it.
    useKey(newKey);
    const after = await openAll();
    expect(after).toEqual(before);
    expect(after.buyers.every((buyer) => buyer.hashMatches)).toBe(true);
    // The old key opens nothing any more.
    const old = dataKeyFrom(oldKey, 'old');
    const stored = await storedSecrets();
    expect(() => old.decryptBytes(stored.buyers[0].idNumberEnc)).toThrow();
    expect(() =>
      old.decryptBytes(stored.cti[0].secretEncrypted, `cti_credential:${stored.cti[0].deskId}`),
    ).toThrow();
    useKey(oldKey);
    await expect(openAll()).rejects.toThrow();

    // Key files: the new one installed 0600, the old one kept beside it for older backups.
    expect(fs.readFileSync(files.keyFile, 'utf8')).toBe(newKey);
    expect(fs.statSync(files.keyFile).mode & 0o777).toBe(0o600);
    expect(path.basename(files.oldFile)).toBe('data.key.old-2026-12-07');
    expect(fs.readFileSync(files.oldFile, 'utf8')).toBe(oldKey);
    expect(fs.statSync(files.oldFile).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(files.newFile)).toBe(false);

    // The voided codes are audited per person, and the chain stays whole.
    const audit = await database.db
      .selectFrom('auditLog')
      .select(['action', 'entityType'])
      .where('action', '=', 'void_recovery_codes')
      .execute();
    expect(audit).toEqual([{ action: 'void_recovery_codes', entityType: 'staff' }]);
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });

  it('refuses the key it replaced once the values have moved on', async () => {
    const refused = await rotation({ oldKeyText: oldKey }).catch((error) => error);
    expect(refused).toBeInstanceOf(KeyRotationRefused);
    expect(fs.readdirSync(dir).sort()).toEqual(['data.key', 'data.key.old-2026-12-07']);
  });
});
