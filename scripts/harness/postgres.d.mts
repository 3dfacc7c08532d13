export interface Cluster {
  url: string;
  port: number;
  dataDir: string;
  stop(options?: { remove?: boolean }): void;
}
export function findPgBin(): string | null;
export const NO_POSTGRES: string;
export function findFreePort(): Promise<number>;
export function startCluster(options: { dataDir: string; port: number; database?: string; fast?: boolean; bin?: string | null }): Promise<Cluster>;
export function stopCluster(dataDir: string, bin?: string | null): boolean;
export function startThrowawayCluster(options?: { fast?: boolean }): Promise<Omit<Cluster, 'stop'> & { stop(): void }>;
export function createDatabase(clusterUrl: string, name: string): Promise<string>;
