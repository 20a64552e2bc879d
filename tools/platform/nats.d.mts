export function resolveNats(options?: { natsUrl?: string; logFile?: string }): Promise<{ url: string; stop(): Promise<void> }>;
export function dropNamespaceStreams(natsUrl: string, namespace: string): Promise<void>;
export function spawnNatsServer(options?: { logFile?: string }): Promise<{ url: string; port: number; stop(): Promise<void> }>;
