import { consoleFolder, loadConsoleFiles } from './console-files';

/** The console is a handful of static files: each one it refers to must be served, and none may come from elsewhere. */
describe('console files', () => {
  const files = loadConsoleFiles(consoleFolder());
  const text = (name: string) => files.get(name)!.body.toString('utf8');

  it('serves the page, its stylesheet and its modules with their types', () => {
    expect(files.get('index.html')?.type).toBe('text/html; charset=utf-8');
    expect(files.get('console.css')?.type).toBe('text/css; charset=utf-8');
    expect(files.get('app.js')?.type).toBe('text/javascript; charset=utf-8');
  });

  it('refers only to files it serves: the page to /console/<file>, each module to ./<module>.js', () => {
    const referenced = [...text('index.html').matchAll(/(?:src|href)="\/console\/([^"]+)"/g)].map((m) => m[1]);
    expect(referenced).toEqual(expect.arrayContaining(['console.css', 'app.js', 'favicon.svg']));
    for (const name of referenced) expect(files.has(name)).toBe(true);
    const modules = [...files.keys()].filter((name) => name.endsWith('.js'));
    for (const module of modules) {
      for (const [, imported] of text(module).matchAll(/from '\.\/([^']+)'/g))
        expect(`${module} → ${imported}: ${files.has(imported)}`).toBe(`${module} → ${imported}: true`);
    }
  });

  it('loads nothing from another origin (no CDN scripts, styles or fonts)', () => {
    for (const [name, file] of files) {
      const body = file.body.toString('utf8').replace('http://www.w3.org/2000/svg', '');
      expect(`${name}: ${/(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/i.exec(body)?.[0] ?? 'none'}`).toBe(`${name}: none`);
    }
  });
});
