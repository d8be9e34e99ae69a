/**
 * `npm run build:wordpress`: dist/w4r-widgets-wordpress.zip, the WordPress plugin as Plugins → Add New →
 * Upload takes it (one `w4r-widgets/` folder inside). Written here with zlib so no `zip` program is needed.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, posix, relative, resolve } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';

const root = resolve(import.meta.dirname, '..');
const plugin = join(root, 'wordpress/w4r-widgets');
const out = join(root, 'dist/w4r-widgets-wordpress.zip');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]))
    .sort();
}

/** MS-DOS time and date, as zip headers keep them. */
function dosTime(date: Date): [number, number] {
  const time = (date.getHours() << 11) | (date.getMinutes() << 5) | (date.getSeconds() >> 1);
  const day = ((date.getFullYear() - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate();
  return [time, day];
}

const locals: Buffer[] = [];
const central: Buffer[] = [];
let offset = 0;
for (const file of filesUnder(plugin)) {
  const name = Buffer.from(posix.join('w4r-widgets', relative(plugin, file).split('\\').join('/')));
  const data = readFileSync(file);
  const packed = deflateRawSync(data, { level: 9 });
  const [time, day] = dosTime(statSync(file).mtime);
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4); // version needed: deflate
  local.writeUInt16LE(0x0800, 6); // names are UTF-8
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt16LE(time, 10);
  local.writeUInt16LE(day, 12);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(packed.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  const entry = Buffer.alloc(46);
  entry.writeUInt32LE(0x02014b50, 0);
  entry.writeUInt16LE(0x0314, 4); // made by: Unix, 2.0
  entry.writeUInt16LE(20, 6);
  entry.writeUInt16LE(0x0800, 8);
  entry.writeUInt16LE(8, 10);
  entry.writeUInt16LE(time, 12);
  entry.writeUInt16LE(day, 14);
  entry.writeUInt32LE(crc, 16);
  entry.writeUInt32LE(packed.length, 20);
  entry.writeUInt32LE(data.length, 24);
  entry.writeUInt16LE(name.length, 28);
  entry.writeUInt32LE((0o100644 << 16) >>> 0, 38); // a plain file, rw-r--r--
  entry.writeUInt32LE(offset, 42);
  locals.push(local, name, packed);
  central.push(entry, name);
  offset += local.length + name.length + packed.length;
}
const directory = Buffer.concat(central);
const end = Buffer.alloc(22);
end.writeUInt32LE(0x06054b50, 0);
end.writeUInt16LE(central.length / 2, 8);
end.writeUInt16LE(central.length / 2, 10);
end.writeUInt32LE(directory.length, 12);
end.writeUInt32LE(offset, 16);
mkdirSync(join(root, 'dist'), { recursive: true });
writeFileSync(out, Buffer.concat([...locals, directory, end]));
console.log(`${relative(root, out)}: ${central.length / 2} files, ${offset + directory.length + 22} bytes`);
