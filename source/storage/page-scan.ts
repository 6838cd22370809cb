/**
 * Reads table rows straight from the leaf pages of a SQLite file (and its WAL), without the
 * B-tree's interior pages or the schema: what still reads when a file was cut short or an
 * interior page was overwritten, where SQL sees only "database disk image is malformed".
 * Follows the documented file format (sqlite.org/fileformat2.html): table-leaf pages (0x0D),
 * cells of varint payload size, varint rowid and a record, overflow chains.
 */
import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';

export type ScannedRow = { readonly rowid: number; readonly values: readonly unknown[] };

const TABLE_LEAF = 0x0d;
const WAL_HEADER = 32;
const WAL_FRAME_HEADER = 24;

function readVarint(buf: Buffer, at: number): [value: number, next: number] {
  let value = 0;
  for (let i = 0; i < 8; i++) {
    const byte = buf[at + i];
    if (byte === undefined) throw new RangeError('varint past the end');
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) return [value, at + i + 1];
  }
  const last = buf[at + 8];
  if (last === undefined) throw new RangeError('varint past the end');
  return [value * 256 + last, at + 9];
}

function decodeRecord(payload: Buffer): unknown[] {
  const [headerSize, first] = readVarint(payload, 0);
  const types: number[] = [];
  for (let at = first; at < headerSize;) {
    const [type, next] = readVarint(payload, at);
    types.push(type);
    at = next;
  }
  const values: unknown[] = [];
  let at = headerSize;
  for (const type of types) {
    if (type === 0) values.push(null);
    else if (type >= 1 && type <= 6) {
      const size = [0, 1, 2, 3, 4, 6, 8][type] as number;
      values.push(size === 8 ? Number(payload.readBigInt64BE(at)) : payload.readIntBE(at, size));
      at += size;
    } else if (type === 7) {
      values.push(payload.readDoubleBE(at));
      at += 8;
    } else if (type === 8 || type === 9) values.push(type - 8);
    else if (type >= 12) {
      const size = Math.floor((type - (type % 2 === 0 ? 12 : 13)) / 2);
      if (at + size > payload.length) throw new RangeError('value past the end');
      const bytes = payload.subarray(at, at + size);
      values.push(type % 2 === 0 ? Buffer.from(bytes) : bytes.toString('utf8'));
      at += size;
    } else throw new RangeError(`bad serial type ${type}`);
  }
  return values;
}

type PageSource = { pageSize: number; usable: number; page(number: number): Buffer | null };

/** The rows of one table-leaf page; cells that do not decode are skipped. */
function* leafRows(page: Buffer, offset: number, source: PageSource): Generator<ScannedRow> {
  if (page[offset] !== TABLE_LEAF) return;
  const cells = page.readUInt16BE(offset + 3);
  const { usable } = source;
  const maxLocal = usable - 35;
  const minLocal = Math.floor(((usable - 12) * 32) / 255) - 23;
  for (let i = 0; i < cells; i++) {
    try {
      const pointer = page.readUInt16BE(offset + 8 + i * 2);
      const [size, afterSize] = readVarint(page, pointer);
      const [rowid, start] = readVarint(page, afterSize);
      let local = size;
      if (size > maxLocal) {
        const k = minLocal + ((size - minLocal) % (usable - 4));
        local = k <= maxLocal ? k : minLocal;
      }
      const parts = [page.subarray(start, start + local)];
      let overflow = local < size ? page.readUInt32BE(start + local) : 0;
      let remaining = size - local;
      while (remaining > 0) {
        const next = overflow === 0 ? null : source.page(overflow);
        if (next === null) throw new RangeError('overflow page missing');
        const take = Math.min(remaining, usable - 4);
        parts.push(next.subarray(4, 4 + take));
        remaining -= take;
        overflow = next.readUInt32BE(0);
      }
      yield { rowid, values: decodeRecord(Buffer.concat(parts)) };
    } catch {
      // A damaged cell: the others on the page may still read.
    }
  }
}

/** Every row on every table-leaf page of the file, then of its WAL (newer copies last). */
export function* scanTableRows(path: string): Generator<ScannedRow> {
  const fd = openSync(path, 'r');
  try {
    const header = Buffer.alloc(100);
    if (readSync(fd, header, 0, 100, 0) < 100) return;
    const pageSize = header.readUInt16BE(16) === 1 ? 65536 : header.readUInt16BE(16);
    if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) return;
    const usable = pageSize - (header[20] ?? 0);
    const fileSize = fstatSync(fd).size;
    const pages = Math.floor(fileSize / pageSize);
    const source: PageSource = {
      pageSize,
      usable,
      page(number) {
        if (number < 1 || number > pages) return null;
        const buf = Buffer.alloc(pageSize);
        return readSync(fd, buf, 0, pageSize, (number - 1) * pageSize) === pageSize ? buf : null;
      },
    };
    for (let number = 1; number <= pages; number++) {
      const page = source.page(number);
      if (page) yield* leafRows(page, number === 1 ? 100 : 0, source);
    }
    yield* walRows(`${path}-wal`, source);
  } finally {
    closeSync(fd);
  }
}

function* walRows(path: string, main: PageSource): Generator<ScannedRow> {
  if (!existsSync(path)) return;
  const fd = openSync(path, 'r');
  try {
    const frame = WAL_FRAME_HEADER + main.pageSize;
    const frames = Math.floor((fstatSync(fd).size - WAL_HEADER) / frame);
    for (let i = 0; i < frames; i++) {
      const page = Buffer.alloc(main.pageSize);
      const at = WAL_HEADER + i * frame + WAL_FRAME_HEADER;
      if (readSync(fd, page, 0, main.pageSize, at) !== main.pageSize) break;
      const number = Buffer.alloc(4);
      readSync(fd, number, 0, 4, at - WAL_FRAME_HEADER);
      yield* leafRows(page, number.readUInt32BE(0) === 1 ? 100 : 0, main);
    }
  } finally {
    closeSync(fd);
  }
}
