import { join } from 'node:path';
import { LIBS_ROOT, crossingImports, moduleBoundaryViolations, valueExportedEntities } from './module-boundaries';

// One owner per table: a module's tables are read and written through its own services. Its index exports entity
// classes as types only (so `manager.find(OtherModulesEntity, …)` does not compile elsewhere), its table list goes
// to the composition root alone, and nobody imports another module's files by path.
describe('module boundaries', () => {
  it('hold across the tree', () => {
    expect(moduleBoundaryViolations()).toEqual([]);
  });

  describe('the checks themselves', () => {
    const files: Record<string, string> = {
      [join(LIBS_ROOT, 'x', 'src', 'index.ts')]:
        "export * from './thing.entity';\nexport type * from './other.entity';",
      [join(LIBS_ROOT, 'x', 'src', 'thing.entity.ts')]:
        "@Entity('things')\nexport class Thing {}\nexport const helper = 1;",
      [join(LIBS_ROOT, 'x', 'src', 'other.entity.ts')]: "@Entity('others')\nexport class Other {}",
      [join(LIBS_ROOT, 'y', 'src', 'index.ts')]: "export { Thing as Renamed, type Thing as T2 } from './thing.entity';",
      [join(LIBS_ROOT, 'y', 'src', 'thing.entity.ts')]: '@Entity()\nexport class Thing {}',
      [join(LIBS_ROOT, 'z', 'src', 'index.ts')]: "export type { Thing } from './thing.entity';",
      [join(LIBS_ROOT, 'z', 'src', 'thing.entity.ts')]: '@Entity()\nexport class Thing {}',
    };
    const read = (path: string) => files[path];

    it.each([
      ['x', ['Thing']],
      ['y', ['Renamed']],
      ['z', []],
    ])('finds the entity classes module %s exports as values', (module, expected) => {
      expect([...valueExportedEntities(join(LIBS_ROOT, module, 'src', 'index.ts'), read)]).toEqual(expected);
    });

    const file = join(LIBS_ROOT, 'sanctions', 'src', 'a.service.ts');
    it.each([
      ["import { Flag } from '@qinglang/flagging/flag.entity';", 1],
      ["import { Account } from '../../ingest/src/entities/account.entity';", 1],
      ["import { FLAGGING_TABLES } from '@qinglang/flagging';", 1],
      ["import type { Flag } from '@qinglang/flagging';", 0],
      ["import { FlagsService } from '@qinglang/flagging';", 0],
      ["import { parsePolicy } from '@qinglang/policy/policy';", 0],
      ["import { Sanction } from './sanction.entity';", 0],
    ])('%s → %i violation(s)', (line, count) => {
      expect(crossingImports(file, 'sanctions', line)).toHaveLength(count);
    });

    it('lets the composition root take table lists', () => {
      const root = join(LIBS_ROOT, 'application', 'src', 'schema.ts');
      expect(crossingImports(root, 'application', "import { FLAGGING_TABLES } from '@qinglang/flagging';")).toEqual([]);
    });
  });
});
