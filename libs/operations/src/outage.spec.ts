import { isOutage } from './outage';

describe('isOutage', () => {
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
  it.each<[string, unknown, boolean]>([
    ['a refused connection', refused, true],
    ['TypeORM wrapping a PostgreSQL shutdown', { name: 'QueryFailedError', driverError: { code: '57P01' } }, true],
    ['a PostgreSQL connection exception class', { code: '08006' }, true],
    ['pg: connection terminated', new Error('Connection terminated unexpectedly'), true],
    ['pg pool timeout', new Error('timeout exceeded when trying to connect'), true],
    ['pg query on a connection that stopped answering', new Error('Query read timeout'), true],
    ['database starting up', new Error('the database system is starting up'), true],
    ['ioredis closed', new Error('Connection is closed.'), true],
    ['our timeout', Object.assign(new Error('x'), { name: 'TimeoutError' }), true],
    ['a cause chain', new Error('enqueue failed', { cause: refused }), true],
    ['SQLite busy', { code: 'SQLITE_BUSY' }, true],
    ['a unique violation', { name: 'QueryFailedError', driverError: { code: '23505' } }, false],
    ['a syntax error', { code: '42601', message: 'syntax error at or near' }, false],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')"), false],
    ['a string', 'ECONNREFUSED', false],
    ['nothing', undefined, false],
  ])('%s → %s', (_, error, expected) => expect(isOutage(error)).toBe(expected));
});
