export type MigrationCheck = { ok: boolean; exitCode: 0 | 1 | 2; message: string; diff: string };
export function checkMigrations(options?: { cwd?: string; config?: string; schema?: string; migrations?: string; env?: Record<string, string> }): Promise<MigrationCheck>;
