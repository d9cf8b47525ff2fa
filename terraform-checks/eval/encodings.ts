import { createHash } from "node:crypto";
import { bad } from "./call-error";

/**
 * Text formats behind `csvdecode()`, `textencodebase64()` / `textdecodebase64()` and `uuidv5()`,
 * as Terraform reads and writes them (Go's `encoding/csv`, IANA character sets, RFC 4122).
 */

/**
 * Reads CSV as Go's `encoding/csv` does by default: `,` separates fields, `"` quotes (a doubled
 * `""` is a quote), quoted fields may hold commas and line breaks, `\r\n` ends a line like `\n`,
 * empty lines are skipped; a bare `"` in an unquoted field, or a stray one in a quoted field, is an
 * error. Returns the records; every field a string.
 */
export function parseCsv(text: string): string[][] {
    const rows: string[][] = [];
    let row: string[] = [];
    let field = "";
    let quoted = false;
    let line = 1;
    let i = 0;
    const n = text.length;
    const endRow = () => {
        row.push(field);
        field = "";
        // A line holding nothing at all is skipped, as Go skips it (`""` alone is one empty field).
        if (quoted || !(row.length === 1 && row[0] === "")) rows.push(row);
        row = [];
        quoted = false;
    };
    while (i < n) {
        const c = text[i];
        if (c === '"' && field === "") {
            // A quoted field: to the closing quote, which must end the field.
            quoted = true;
            i++;
            for (;;) {
                if (i >= n) bad(`line ${line}: extraneous or missing " in quoted field`);
                const q = text[i];
                if (q === '"') {
                    if (text[i + 1] === '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                if (q === "\n") line++;
                if (q === "\r" && text[i + 1] === "\n") {
                    i++;
                    continue;
                }
                field += q;
                i++;
            }
            const after = text[i];
            if (after !== undefined && after !== "," && after !== "\n" && !(after === "\r" && text[i + 1] === "\n")) {
                bad(`line ${line}: extraneous or missing " in quoted field`);
            }
            if (after === undefined) break;
            continue;
        }
        if (c === '"') bad(`line ${line}: bare " in non-quoted field`);
        if (c === ",") {
            row.push(field);
            field = "";
            i++;
            continue;
        }
        if (c === "\n" || (c === "\r" && text[i + 1] === "\n")) {
            endRow();
            line++;
            i += c === "\r" ? 2 : 1;
            continue;
        }
        field += c;
        i++;
    }
    if (field !== "" || row.length > 0 || quoted) endRow();
    return rows;
}

/** IANA names (case-insensitive) of the character sets mlguard reproduces exactly. */
function charset(name: string): "utf8" | "utf16le" | "utf16be" | "latin1" | undefined {
    switch (name.toLowerCase().replace(/_/g, "-")) {
        case "utf-8":
        case "utf8":
            return "utf8";
        case "utf-16le":
            return "utf16le";
        case "utf-16be":
            return "utf16be";
        case "iso-8859-1":
        case "iso8859-1":
        case "latin1":
        case "l1":
            return "latin1";
    }
    return undefined;
}

/** `textencodebase64()`'s bytes, or undefined for a character set mlguard does not reproduce. */
export function encodeText(text: string, encoding: string): Uint8Array | undefined {
    const cs = charset(encoding);
    if (cs === undefined) return undefined;
    if (cs === "latin1") {
        // Characters beyond U+00FF have no ISO-8859-1 byte: Terraform refuses them.
        for (const ch of text) if (ch.codePointAt(0)! > 0xff) bad(`the string holds a character that cannot be encoded in ${encoding}`);
        return Buffer.from(text, "latin1");
    }
    if (cs === "utf16be") return Buffer.from(text, "utf16le").swap16();
    return Buffer.from(text, cs);
}

/** `textdecodebase64()`'s text, or undefined for a character set mlguard does not reproduce. */
export function decodeText(bytes: Buffer, encoding: string): string | undefined {
    const cs = charset(encoding);
    if (cs === undefined) return undefined;
    if (cs === "utf16le" || cs === "utf16be") {
        // A last odd byte decodes to U+FFFD, as Go's decoder replaces what it cannot read.
        const even = bytes.subarray(0, bytes.length - (bytes.length % 2));
        const text = (cs === "utf16be" ? Buffer.from(even).swap16() : even).toString("utf16le");
        return bytes.length % 2 === 0 ? text : text + "\uFFFD";
    }
    return bytes.toString(cs);
}

/** RFC 4122's predefined namespaces, by the names `uuidv5()` accepts. */
const NAMESPACES: Record<string, string> = {
    dns: "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
    url: "6ba7b811-9dad-11d1-80b4-00c04fd430c8",
    oid: "6ba7b812-9dad-11d1-80b4-00c04fd430c8",
    x500: "6ba7b814-9dad-11d1-80b4-00c04fd430c8",
};

/** `uuidv5(namespace, name)`: the name-based (SHA-1) UUID of RFC 4122, section 4.3. */
export function uuidV5(namespace: string, name: string): string {
    const ns = NAMESPACES[namespace] ?? namespace;
    // The spellings a UUID parser accepts: hyphenated, in braces, as a URN, or 32 hex digits.
    const m = /^(?:urn:uuid:|\{)?([0-9a-fA-F]{8})-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{12})\}?$/.exec(ns);
    const braced = ns.startsWith("{") === ns.endsWith("}");
    const hyphens = (ns.match(/-/g) ?? []).length;
    if (!m || !braced || (hyphens !== 0 && hyphens !== 4)) {
        bad(`the namespace must be dns, url, oid, x500 or a UUID, not ${JSON.stringify(namespace)}`);
    }
    const hash = createHash("sha1").update(Buffer.from(m.slice(1).join(""), "hex")).update(name, "utf8").digest();
    hash[6] = (hash[6] & 0x0f) | 0x50;
    hash[8] = (hash[8] & 0x3f) | 0x80;
    const hex = hash.subarray(0, 16).toString("hex");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
