import * as fs from "node:fs";
import * as path from "node:path";
import { gunzipSync, inflateRawSync } from "node:zlib";

/** Limits against decompression bombs: total bytes written and entries in one archive. */
export interface ExtractLimits {
    maxBytes: number;
    maxEntries: number;
}

export const DEFAULT_LIMITS: ExtractLimits = { maxBytes: 256 * 1024 * 1024, maxEntries: 20_000 };

/** Why an archive was refused; nothing of it is kept. */
export class ArchiveError extends Error {}

/**
 * The path an entry may be written to, relative to the target: absolute paths, drive letters,
 * backslashes and `..` segments are refused (they could write outside the target).
 */
export function safeEntryPath(name: string): string | undefined {
    if (name.includes("\u0000")) throw new ArchiveError(`an entry name holds a NUL character`);
    if (name.startsWith("/") || name.includes("\\") || /^[A-Za-z]:/.test(name)) throw new ArchiveError(`the entry ${JSON.stringify(name)} has an absolute path`);
    const parts = name.split("/").filter((p) => p !== "" && p !== ".");
    if (parts.some((p) => p === "..")) throw new ArchiveError(`the entry ${JSON.stringify(name)} climbs out of the target with ..`);
    return parts.length === 0 ? undefined : parts.join("/");
}

/** Gathers entries first, so a refused archive leaves nothing behind; then writes them (never executable). */
class Writer {
    private readonly entries: Array<{ rel: string; data?: Buffer }> = [];
    private bytes = 0;
    constructor(private readonly limits: ExtractLimits) {}

    add(name: string, data: Buffer | undefined): void {
        const rel = safeEntryPath(name);
        if (rel === undefined) return;
        if (this.entries.length + 1 > this.limits.maxEntries) throw new ArchiveError(`the archive has more than ${this.limits.maxEntries} entries`);
        this.bytes += data?.length ?? 0;
        if (this.bytes > this.limits.maxBytes) throw new ArchiveError(`the archive expands to more than ${this.limits.maxBytes} bytes`);
        this.entries.push({ rel, data });
    }

    write(dest: string): number {
        const root = path.resolve(dest);
        for (const e of this.entries) {
            const target = path.resolve(root, ...e.rel.split("/"));
            if (!target.startsWith(root + path.sep)) throw new ArchiveError(`the entry ${JSON.stringify(e.rel)} leaves the target`);
            if (e.data === undefined) fs.mkdirSync(target, { recursive: true });
            else {
                fs.mkdirSync(path.dirname(target), { recursive: true });
                // `wx`: a file already written (a duplicate entry) is not overwritten through a link.
                fs.writeFileSync(target, e.data, { mode: 0o644, flag: "wx" });
            }
        }
        return this.entries.length;
    }
}

/** Gunzips at most `maxBytes` (a bomb stops at the limit instead of filling memory). */
export function gunzipLimited(data: Buffer, maxBytes: number): Buffer {
    try {
        return gunzipSync(data, { maxOutputLength: maxBytes + 1 }).subarray(0, maxBytes + 1);
    } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE" || err instanceof RangeError) throw new ArchiveError(`the archive expands to more than ${maxBytes} bytes`);
        throw new ArchiveError(`not a valid gzip stream (${(err as Error).message})`);
    }
}

function cString(buf: Buffer, start: number, length: number): string {
    const slice = buf.subarray(start, start + length);
    const nul = slice.indexOf(0);
    return slice.subarray(0, nul < 0 ? slice.length : nul).toString("utf8");
}

function tarNumber(buf: Buffer, start: number, length: number): number {
    if (buf[start] & 0x80) {
        // base-256: big-endian, first byte's high bit set
        let n = buf[start] & 0x7f;
        for (let i = 1; i < length; i++) n = n * 256 + buf[start + i];
        return n;
    }
    const text = cString(buf, start, length).trim();
    const n = text === "" ? 0 : parseInt(text, 8);
    if (!Number.isFinite(n) || n < 0) throw new ArchiveError("a tar header has an invalid size");
    return n;
}

function paxPath(data: Buffer): string | undefined {
    let found: string | undefined;
    let i = 0;
    const text = data.toString("utf8");
    while (i < text.length) {
        const space = text.indexOf(" ", i);
        if (space < 0) break;
        const len = parseInt(text.slice(i, space), 10);
        if (!Number.isFinite(len) || len <= 0) break;
        const record = text.slice(space + 1, i + len - 1);
        const eq = record.indexOf("=");
        if (record.slice(0, eq) === "path") found = record.slice(eq + 1);
        i += len;
    }
    return found;
}

/** Extracts a tar stream (ustar, pax and GNU long names); links, devices and FIFOs are refused. */
export function extractTar(tar: Buffer, dest: string, limits: ExtractLimits = DEFAULT_LIMITS): number {
    const w = new Writer(limits);
    let offset = 0;
    let longName: string | undefined;
    let headers = 0;
    while (offset + 512 <= tar.length) {
        const header = tar.subarray(offset, offset + 512);
        if (header.every((b) => b === 0)) break;
        if (++headers > limits.maxEntries * 2 + 2) throw new ArchiveError(`the archive has more than ${limits.maxEntries} entries`);
        const size = tarNumber(header, 124, 12);
        const type = String.fromCharCode(header[156] || 0x30);
        const magic = cString(header, 257, 6);
        const prefix = magic.startsWith("ustar") ? cString(header, 345, 155) : "";
        const base = cString(header, 0, 100);
        const name = longName ?? (prefix ? `${prefix}/${base}` : base);
        const dataStart = offset + 512;
        const dataEnd = dataStart + size;
        if (dataEnd > tar.length) throw new ArchiveError("the tar stream is truncated");
        const data = tar.subarray(dataStart, dataEnd);
        offset = dataStart + Math.ceil(size / 512) * 512;
        if (type === "x") {
            longName = paxPath(data) ?? longName;
            continue;
        }
        if (type === "L") {
            longName = cString(data, 0, data.length);
            continue;
        }
        if (type === "g") continue;
        longName = undefined;
        if (type === "1" || type === "2" || type === "K") throw new ArchiveError(`the entry ${JSON.stringify(name)} is a ${type === "1" ? "hard" : "symbolic"} link`);
        if (type === "5") w.add(name, undefined);
        else if (type === "0" || type === "7") w.add(name, Buffer.from(data));
        else throw new ArchiveError(`the entry ${JSON.stringify(name)} is not a regular file or directory (tar type ${JSON.stringify(type)})`);
    }
    return w.write(dest);
}

/** Extracts a zip archive (stored and deflated entries); symbolic links and zip64 are refused. */
export function extractZip(zip: Buffer, dest: string, limits: ExtractLimits = DEFAULT_LIMITS): number {
    let eocd = -1;
    for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i--) {
        if (zip.readUInt32LE(i) === 0x06054b50) {
            eocd = i;
            break;
        }
    }
    if (eocd < 0) throw new ArchiveError("not a zip archive (no end of central directory)");
    const count = zip.readUInt16LE(eocd + 10);
    const cdOffset = zip.readUInt32LE(eocd + 16);
    if (count === 0xffff || cdOffset === 0xffffffff) throw new ArchiveError("zip64 archives are not supported");
    if (count > limits.maxEntries) throw new ArchiveError(`the archive has more than ${limits.maxEntries} entries`);
    const w = new Writer(limits);
    let declared = 0;
    let p = cdOffset;
    for (let n = 0; n < count; n++) {
        if (p + 46 > zip.length || zip.readUInt32LE(p) !== 0x02014b50) throw new ArchiveError("the zip central directory is damaged");
        const method = zip.readUInt16LE(p + 10);
        const compSize = zip.readUInt32LE(p + 20);
        const size = zip.readUInt32LE(p + 24);
        const nameLen = zip.readUInt16LE(p + 28);
        const extraLen = zip.readUInt16LE(p + 30);
        const commentLen = zip.readUInt16LE(p + 32);
        const unixMode = zip.readUInt32LE(p + 38) >>> 16;
        const local = zip.readUInt32LE(p + 42);
        const name = zip.subarray(p + 46, p + 46 + nameLen).toString("utf8");
        p += 46 + nameLen + extraLen + commentLen;
        if ((unixMode & 0o170000) === 0o120000) throw new ArchiveError(`the entry ${JSON.stringify(name)} is a symbolic link`);
        declared += size;
        if (declared > limits.maxBytes) throw new ArchiveError(`the archive expands to more than ${limits.maxBytes} bytes`);
        if (name.endsWith("/")) {
            w.add(name, undefined);
            continue;
        }
        if (local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50) throw new ArchiveError(`the entry ${JSON.stringify(name)} has no local header`);
        const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
        const raw = zip.subarray(start, start + compSize);
        let data: Buffer;
        if (method === 0) data = Buffer.from(raw);
        else if (method === 8) {
            try {
                data = inflateRawSync(raw, { maxOutputLength: Math.max(1, size) });
            } catch (err) {
                throw new ArchiveError(`the entry ${JSON.stringify(name)} does not inflate to its declared size (${(err as Error).message})`);
            }
        } else throw new ArchiveError(`the entry ${JSON.stringify(name)} uses compression method ${method}`);
        if (data.length !== size) throw new ArchiveError(`the entry ${JSON.stringify(name)} does not inflate to its declared size`);
        w.add(name, data);
    }
    return w.write(dest);
}
