/** Size, modification time and SHA-256 of a file: how ingest tells a new or changed file. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

export async function fileStat(path: string): Promise<{ size: number; modifiedMs: number }> {
  const info = await stat(path);
  return { size: info.size, modifiedMs: Math.trunc(info.mtimeMs) };
}

export async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
