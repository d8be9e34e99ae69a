import { closeSync, fsyncSync, mkdirSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Writes a file and fsyncs it and its directory, so a committed row never names a missing file. */
export function writeDurably(dir: string, name: string, bytes: Uint8Array): void {
  mkdirSync(dir, { recursive: true });
  const fd = openSync(join(dir, name), 'wx', 0o600);
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  syncDir(dir);
}

/** Makes a directory's entries durable: a created or removed file stays so through a power cut. */
export function syncDir(dir: string): void {
  const dirFd = openSync(dir, 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}

/** Removes a file that may already be gone. */
export function unlinkSafe(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
