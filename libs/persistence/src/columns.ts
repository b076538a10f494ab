import { randomUUID } from 'node:crypto';
import { Column, ColumnOptions, ValueTransformer } from 'typeorm';

/**
 * Instants are stored as milliseconds since the epoch in a bigint column: the one type that means the same on
 * SQLite and PostgreSQL, so one set of migrations serves both. PostgreSQL returns bigint as a string.
 */
export const epochMillis: ValueTransformer = {
  to: (value?: Date | null) => (value == null ? value : value.getTime()),
  from: (value?: string | number | null) => (value == null ? value : new Date(Number(value))),
};

/** bigint columns that hold a plain number (offsets, sizes) rather than an instant. */
export const bigintNumber: ValueTransformer = {
  to: (value?: number | null) => value,
  from: (value?: string | number | null) => (value == null ? value : Number(value)),
};

export function InstantColumn(options: ColumnOptions = {}) {
  return Column({ type: 'bigint', transformer: epochMillis, ...options });
}

export function BigNumberColumn(options: ColumnOptions = {}) {
  return Column({ type: 'bigint', transformer: bigintNumber, ...options });
}

export function IdColumn(options: ColumnOptions = {}) {
  return Column({ type: 'varchar', length: 36, ...options });
}

export const newId = (): string => randomUUID();

/** What a simple-json object column holds (kept shallow: TypeORM's deep-partial types choke on recursive ones). */
export type JsonObject = Record<string, string | number | boolean | null | object>;
