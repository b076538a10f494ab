import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, EntitySchema } from 'typeorm';
import { serializeSqliteTransactions } from './sqlite-transactions';

const Note = new EntitySchema<{ id: number; text: string }>({
  name: 'note',
  columns: { id: { type: 'integer', primary: true }, text: { type: 'varchar' } },
});

describe('SQLite transactions in line', () => {
  let dir: string;
  let dataSource: DataSource;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ql-sqlite-'));
    dataSource = serializeSqliteTransactions(
      await new DataSource({
        type: 'better-sqlite3',
        database: join(dir, 'db.sqlite'),
        entities: [Note],
        synchronize: true,
      }).initialize(),
    );
  });
  afterEach(async () => {
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const pause = () => new Promise((resolve) => setTimeout(resolve, 20));

  it('keeps a write made while a transaction waits out of that transaction and its rollback', async () => {
    const failing = dataSource.transaction(async (manager) => {
      await manager.insert(Note, { id: 1, text: 'in the transaction' });
      await pause();
      throw new Error('rolled back');
    });
    await pause();
    const outside = dataSource.getRepository(Note).insert({ id: 2, text: 'outside' });
    await expect(failing).rejects.toThrow('rolled back');
    await outside;
    expect((await dataSource.getRepository(Note).find()).map((n) => n.id)).toEqual([2]);
  });

  it('runs concurrent transactions one after another, and a nested one at once', async () => {
    const both = [1, 2].map((id) =>
      dataSource.transaction(async (manager) => {
        await manager.insert(Note, { id, text: 'x' });
        await pause();
        await dataSource.transaction((inner) => inner.update(Note, { id }, { text: 'nested' }));
      }),
    );
    await Promise.all(both);
    expect((await dataSource.getRepository(Note).find({ order: { id: 'ASC' } })).map((n) => n.text)).toEqual([
      'nested',
      'nested',
    ]);
  });
});
