export interface BackupManifest {
  format: 1;
  databasePrefix: string;
  createdAt: string;
  services: { name: string; file: string; bytes: number; startedAt: string }[];
}

/** Dumps every service's database `<prefix>_<service>` into `dir` (pg_dump, custom format) with a manifest. */
export function backupPlatform(options: {
  adminDatabaseUrl: string;
  databasePrefix: string;
  dir: string;
  say?: (line: string) => void;
}): Promise<BackupManifest>;

/** Restores a backup into new databases `<prefix>_<service>` and marks the replay window's events unsent. */
export function restorePlatform(options: {
  adminDatabaseUrl: string;
  databasePrefix: string;
  dir: string;
  replayHours?: number;
  rolePassword?: string;
  say?: (line: string) => void;
}): Promise<{
  manifest: BackupManifest;
  databases: Record<string, { admin: string; app: string; outbox: string }>;
  replaySince: Date;
}>;
