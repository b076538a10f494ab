import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * Reads the libs' sources as text (no type-check) and answers the questions the ownership rule asks: which entity
 * classes a module's index exports as values, and which imports cross a module boundary the wrong way.
 */
export interface Violation {
  file: string;
  problem: string;
}

const ROOT = resolve(__dirname, '..', '..');
/** The composition root: it alone registers every module's tables with the data source. */
const COMPOSITION_ROOT = 'application';
/** Entry points other than a module's index that may be imported by alias (plain data, no tables). */
const PLAIN_ENTRY_POINTS = new Set(['@qinglang/policy/policy']);

export type SourceReader = (path: string) => string | undefined;

const readFromDisk: SourceReader = (path) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined);

function parse(path: string, text: string): ts.SourceFile {
  return ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
}

function resolveModuleFile(fromFile: string, specifier: string, read: SourceReader): string | undefined {
  const base = resolve(dirname(fromFile), specifier);
  return [`${base}.ts`, join(base, 'index.ts')].find((candidate) => read(candidate) !== undefined);
}

const isEntityClass = (node: ts.Node): node is ts.ClassDeclaration =>
  ts.isClassDeclaration(node) &&
  (ts.getDecorators(node) ?? []).some(
    (d) => ts.isCallExpression(d.expression) && d.expression.expression.getText() === 'Entity',
  );

/** Names of entity classes that `file` exports as values, directly or through re-exports within its module. */
export function valueExportedEntities(
  file: string,
  read: SourceReader = readFromDisk,
  seen = new Set<string>(),
): Set<string> {
  const found = new Set<string>();
  if (seen.has(file)) return found;
  seen.add(file);
  const text = read(file);
  if (text === undefined) return found;
  const source = parse(file, text);
  const localEntities = new Set<string>();
  for (const statement of source.statements) {
    if (isEntityClass(statement) && statement.name) {
      localEntities.add(statement.name.text);
      if (statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) found.add(statement.name.text);
    }
  }
  for (const statement of source.statements) {
    if (!ts.isExportDeclaration(statement) || statement.isTypeOnly) continue;
    const specifier = statement.moduleSpecifier;
    if (!specifier) {
      // `export { X }` of a class declared or imported in this file
      if (statement.exportClause && ts.isNamedExports(statement.exportClause))
        for (const element of statement.exportClause.elements)
          if (!element.isTypeOnly && localEntities.has((element.propertyName ?? element.name).text))
            found.add(element.name.text);
      continue;
    }
    if (!ts.isStringLiteral(specifier) || !specifier.text.startsWith('.')) continue;
    const target = resolveModuleFile(file, specifier.text, read);
    if (!target) continue;
    const inner = valueExportedEntities(target, read, seen);
    if (!statement.exportClause) inner.forEach((name) => found.add(name));
    else if (ts.isNamedExports(statement.exportClause))
      for (const element of statement.exportClause.elements)
        if (!element.isTypeOnly && inner.has((element.propertyName ?? element.name).text)) found.add(element.name.text);
  }
  return found;
}

/** Imports in one file of module `owner` that reach into another module or take its table list. */
export function crossingImports(file: string, owner: string, text: string): Violation[] {
  const violations: Violation[] = [];
  const source = parse(file, text);
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const specifier = statement.moduleSpecifier.text;
    const alias = /^@qinglang\/([^/]+)(\/.*)?$/.exec(specifier);
    if (alias && alias[2] && !PLAIN_ENTRY_POINTS.has(specifier))
      violations.push({ file, problem: `imports ${specifier}: another module is reached through its index only` });
    if (specifier.startsWith('.')) {
      const target = relative(join(ROOT, 'libs'), resolve(dirname(file), specifier)).split(/[\\/]/)[0];
      if (target !== owner && !target.startsWith('..'))
        violations.push({ file, problem: `imports ${specifier}: a relative path into module ${target}` });
    }
    if (alias && alias[1] !== owner && owner !== COMPOSITION_ROOT) {
      const bindings = statement.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings))
        for (const element of bindings.elements)
          if (/_TABLES$/.test((element.propertyName ?? element.name).text))
            violations.push({
              file,
              problem: `imports ${element.name.text} from ${specifier}: only the composition root registers tables`,
            });
    }
  }
  return violations;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Every violation in the tree: entity classes exported as values, and imports that cross a boundary. */
export function moduleBoundaryViolations(): Violation[] {
  const libs = join(ROOT, 'libs');
  const violations: Violation[] = [];
  for (const owner of readdirSync(libs)) {
    const index = join(libs, owner, 'src', 'index.ts');
    for (const name of valueExportedEntities(index))
      violations.push({ file: relative(ROOT, index), problem: `exports the entity class ${name} as a value` });
    for (const file of sourceFiles(join(libs, owner, 'src')))
      violations.push(
        ...crossingImports(file, owner, readFileSync(file, 'utf8')).map((v) => ({
          ...v,
          file: relative(ROOT, v.file),
        })),
      );
  }
  return violations;
}

export const LIBS_ROOT = join(ROOT, 'libs');
