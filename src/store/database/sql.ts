/**
 * The three query shapes the repositories need, over sql.js. Statements are prepared per call and
 * freed at once: sql.js frees every open statement on export(), so a cached one would dangle.
 */
import type { BindParams, Database, SqlValue } from 'sql.js';

export type Row = Record<string, SqlValue>;

export function all(db: Database, sql: string, params: BindParams = null): Row[] {
  const statement = db.prepare(sql);
  try {
    statement.bind(params);
    const rows: Row[] = [];
    while (statement.step()) rows.push(statement.getAsObject());
    return rows;
  } finally {
    statement.free();
  }
}

export function one(db: Database, sql: string, params: BindParams = null): Row | undefined {
  return all(db, sql, params)[0];
}

/** Runs a statement that returns no rows; returns how many rows it changed. */
export function run(db: Database, sql: string, params: BindParams = null): number {
  db.run(sql, params);
  return db.getRowsModified();
}

export function count(db: Database, sql: string, params: BindParams = null): number {
  const row = one(db, sql, params);
  return row ? Number(Object.values(row)[0]) : 0;
}
