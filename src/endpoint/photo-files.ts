import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';

/**
 * The files of uploaded photos, in one folder: every read, write and deletion of one goes through here.
 * Names come from the endpoint (`<uuid>.<ext>`), never from a client.
 */
export class PhotoFiles {
  constructor(readonly dir: string) {}

  /** Writes a new file and fsyncs it and its folder, so a committed row never names a missing file. */
  write(name: string, bytes: Uint8Array): void {
    mkdirSync(this.dir, { recursive: true });
    const fd = openSync(join(this.dir, name), 'wx', 0o600);
    try {
      writeSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    const dirFd = openSync(this.dir, 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  }

  /** The file's bytes, or undefined when it is gone. */
  read(name: string): Buffer | undefined {
    try {
      return readFileSync(join(this.dir, name));
    } catch {
      return undefined;
    }
  }

  /** Deletes the file; one already gone is fine. */
  remove(name: string): void {
    try {
      unlinkSync(join(this.dir, name));
    } catch {
      // already gone
    }
  }

  /** Deletes the files and fsyncs the folder, so they stay deleted through a power cut. */
  removeDurably(names: readonly string[]): void {
    for (const name of names) this.remove(name);
    if (names.length === 0 || !existsSync(this.dir)) return;
    const dirFd = openSync(this.dir, 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  }
}
