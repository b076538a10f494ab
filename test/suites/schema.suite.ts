import { DataSource } from 'typeorm';
import { loadConfig } from '@qinglang/config';
import { dataSourceOptions } from '@qinglang/persistence';
import { ENTITIES, MIGRATIONS, runMigrations } from '@qinglang/application';
import { TestBackends } from '../helpers/test-app';

/** The committed migrations and the entities describe the same schema: CI fails when they drift apart. */
export function describeSchema(label: string, makeBackends: () => Promise<TestBackends>) {
  describe(`schema (${label})`, () => {
    let backends: TestBackends;
    let dataSource: DataSource;

    beforeAll(async () => {
      backends = await makeBackends();
      dataSource = new DataSource(dataSourceOptions(loadConfig(backends.env), ENTITIES, MIGRATIONS));
      await dataSource.initialize();
    });
    afterAll(async () => {
      await dataSource?.destroy();
      await backends?.cleanup();
    });

    it('migrates an empty database to exactly what the entities declare', async () => {
      expect(await runMigrations(dataSource)).toEqual(MIGRATIONS.map((m) => m.name));
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    });

    it('is a no-op the second time', async () => {
      expect(await runMigrations(dataSource)).toEqual([]);
    });
  });
}
