import { createHash } from "node:crypto";
import jsYaml from "js-yaml";
import YAML from "yaml";
import type { SourceLocation } from "../../catalog/model";
import type { Range } from "../hcl/source";
import { type Scope, MAX_ELEMENTS, evalError, isSensitive, markSensitive, report } from "./expr";
import { CallError, bad } from "./call-error";
import { ANY, type TfType, conversionProblem, convertInPlace } from "./types";
import { decodeText, encodeText, parseCsv, uuidV5 } from "./encodings";
import { formatDate, formatRfc3339, parseDuration, parseTimestamp } from "./time";
import { evaluateTemplateText } from "./template-file";
import {
    type TfUnknown,
    type TfValue,
    asBool,
    asNumber,
    asString,
    computedDocument,
    equals,
    formatNumber,
    fromJs,
    isNull,
    isWhollyKnown,
    list,
    map,
    scalar,
    sortedKeys,
    toJs,
    unknown,
    unknownAt,
    unknownFrom,
} from "./value";

/** Where a function is called from: for diagnostics and the result's location. */
export interface CallSite {
    scope: Scope;
    range: Range;
    nameRange: Range;
    source: SourceLocation;
}

type Impl = (args: TfValue[], site: CallSite) => TfValue;

interface FunctionSpec {
    /** Fewest and most arguments (`Infinity` for variadic). */
    arity: [number, number];
    /** The function looks inside unknown arguments itself; otherwise any unknown argument makes the result unknown. */
    handlesUnknown?: boolean;
    impl: Impl;
}

function str(v: TfValue, what = "argument"): string {
    const s = asString(v);
    if (s === undefined) bad(`the ${what} must be a string`);
    return s;
}

function num(v: TfValue, what = "argument"): number {
    const n = asNumber(v);
    if (n === undefined) bad(`the ${what} must be a number`);
    return n;
}

function int(v: TfValue, what = "argument"): number {
    const n = num(v, what);
    if (!Number.isInteger(n)) bad(`the ${what} must be a whole number`);
    return n;
}

function items(v: TfValue, what = "argument"): TfValue[] {
    if (v.kind === "list") return v.items;
    bad(`the ${what} must be a list, tuple or set`);
}

function entries(v: TfValue, what = "argument"): Record<string, TfValue> {
    if (v.kind === "map") return v.entries;
    bad(`the ${what} must be a map or object`);
}

function S(value: string | number | boolean | null, site: CallSite): TfValue {
    if (typeof value === "string" && value.length > 16 * 1024 * 1024) bad("the result is too large");
    return scalar(value, site.source);
}

function L(itemsOut: TfValue[], site: CallSite): TfValue {
    if (itemsOut.length > MAX_ELEMENTS) bad(`the result would have more than ${MAX_ELEMENTS} elements`);
    return list(itemsOut, site.source);
}

function M(e: Record<string, TfValue>, site: CallSite): TfValue {
    return map(e, site.source);
}

/** Unknown result when any part of the arguments is unknown (for functions that read content). */
function needKnown(args: TfValue[], site: CallSite, why: string): TfUnknown | undefined {
    for (const a of args) {
        if (!isWhollyKnown(a)) return unknownFrom(site.source, why, args);
    }
    return undefined;
}

/** A computed value refined as a string that is neither null nor "": compact() keeps it, coalesce() stops at it. */
function neitherNullNorEmpty(v: TfValue): boolean {
    return v.kind === "unknown" && v.refinement?.notNull === true && !!v.refinement.prefix;
}

function hasKeys(o: object): boolean {
    for (const _ in o) return true;
    return false;
}

function jsonOf(v: TfValue): unknown {
    return toJs(v);
}

/** Terraform's jsonencode: object keys sorted, numbers with every digit and no exponent, HTML-significant characters escaped. */
function jsonEncode(v: TfValue): string {
    const write = (x: unknown): string => {
        if (typeof x === "number") return formatNumber(x);
        if (Array.isArray(x)) return `[${x.map(write).join(",")}]`;
        if (x && typeof x === "object") {
            const o = x as Record<string, unknown>;
            return `{${sortedKeys(o).map((k) => `${JSON.stringify(k)}:${write(o[k])}`).join(",")}}`;
        }
        return JSON.stringify(x) ?? "null";
    };
    return write(jsonOf(v))
        .replace(/</g, "\\u003c")
        .replace(/>/g, "\\u003e")
        .replace(/&/g, "\\u0026")
        .replace(/\u2028/g, "\\u2028")
        .replace(/\u2029/g, "\\u2029");
}

/** Go-style regular expression → JS (named groups `(?P<n>` and inline flags at the start). */
function goRegExp(pattern: string, global = false): RegExp {
    let flags = global ? "g" : "";
    let p = pattern.replace(/\(\?P</g, "(?<");
    const inline = /^\(\?([imsU]+)\)/.exec(p);
    if (inline) {
        for (const f of inline[1]) if (f !== "U" && !flags.includes(f)) flags += f;
        p = p.slice(inline[0].length);
    }
    try {
        return new RegExp(p, flags + "u");
    } catch {
        try {
            return new RegExp(p, flags);
        } catch (err) {
            bad(`invalid regular expression: ${(err as Error).message}`);
        }
    }
}

function regexResult(m: RegExpExecArray, site: CallSite): TfValue {
    if (m.groups && Object.keys(m.groups).length > 0) {
        const e: Record<string, TfValue> = {};
        for (const [k, v] of Object.entries(m.groups)) e[k] = S(v ?? null, site);
        return M(e, site);
    }
    if (m.length > 1) return L(m.slice(1).map((g) => S(g ?? null, site)), site);
    return S(m[0], site);
}

/** Terraform's format verbs: %s %d %f %g %e %t %v %q %x %X %o %b %%, with width/precision flags. */
function formatString(fmt: string, args: TfValue[]): string {
    let next = 0;
    return fmt.replace(/%([-+ 0#]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])/g, (whole, flags: string, width: string | undefined, prec: string | undefined, verb: string) => {
        if (verb === "%") return "%";
        if (next >= args.length) bad(`not enough arguments for the format "${whole}"`);
        const arg = args[next++];
        let out: string;
        switch (verb) {
            case "s":
            case "v":
                out = arg.kind === "scalar" ? (asString(arg) ?? "null") : jsonEncode(arg);
                if (prec !== undefined && verb === "s") out = out.slice(0, Number(prec));
                break;
            case "q":
                out = JSON.stringify(str(arg));
                break;
            case "d":
                out = formatNumber(Math.trunc(num(arg)));
                break;
            case "f":
            case "F":
                out = num(arg).toFixed(prec === undefined ? 6 : Number(prec));
                break;
            case "e":
                out = num(arg).toExponential(prec === undefined ? 6 : Number(prec));
                break;
            case "g":
                out = prec === undefined ? String(num(arg)) : num(arg).toPrecision(Number(prec));
                break;
            case "t": {
                const b = asBool(arg);
                if (b === undefined) bad("%t needs a bool");
                out = String(b);
                break;
            }
            case "x":
                out = arg.kind === "scalar" && typeof arg.value === "string" ? Buffer.from(arg.value).toString("hex") : Math.trunc(num(arg)).toString(16);
                break;
            case "X":
                out = (arg.kind === "scalar" && typeof arg.value === "string" ? Buffer.from(arg.value).toString("hex") : Math.trunc(num(arg)).toString(16)).toUpperCase();
                break;
            case "o":
                out = Math.trunc(num(arg)).toString(8);
                break;
            case "b":
                out = Math.trunc(num(arg)).toString(2);
                break;
            default:
                bad(`unsupported format verb %${verb}`);
        }
        if (flags.includes("+") && /^[0-9]/.test(out) && "dfFeg".includes(verb)) out = "+" + out;
        if (width !== undefined && out.length < Number(width)) {
            const pad = Number(width) - out.length;
            if (flags.includes("-")) out = out + " ".repeat(pad);
            else if (flags.includes("0") && "dfFegxXob".includes(verb)) {
                const sign = /^[+-]/.test(out) ? out[0] : "";
                out = sign + "0".repeat(pad) + out.slice(sign.length);
            } else out = " ".repeat(pad) + out;
        }
        return out;
    });
}

function ipv4ToInt(ip: string): number {
    const parts = ip.split(".").map(Number);
    if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) bad(`invalid IPv4 address ${JSON.stringify(ip)}`);
    return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

function intToIpv4(n: number): string {
    return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

function parseCidr(cidr: string): { base: number; bits: number } {
    const m = /^(\d+\.\d+\.\d+\.\d+)\/(\d+)$/.exec(cidr);
    if (!m) bad(`invalid CIDR ${JSON.stringify(cidr)} (IPv6 prefixes are not evaluated)`);
    const bits = Number(m[2]);
    if (bits > 32) bad(`invalid prefix length in ${JSON.stringify(cidr)}`);
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    return { base: (ipv4ToInt(m[1]) & mask) >>> 0, bits };
}

function setOf(values: TfValue[]): TfValue[] {
    const out: TfValue[] = [];
    for (const v of values) if (!out.some((o) => equals(o, v) === true)) out.push(v);
    // Terraform orders sets of strings lexically; other element types keep first-seen order here.
    if (out.every((v) => v.kind === "scalar" && typeof v.value === "string")) {
        out.sort((a, b) => ((a as { value: string }).value < (b as { value: string }).value ? -1 : 1));
    }
    return out;
}

function flattenInto(v: TfValue, out: TfValue[], depth: number): boolean {
    if (v.kind === "unknown") return false;
    if (v.kind !== "list" || depth > 64) {
        out.push(v);
        return true;
    }
    for (const i of v.items) if (!flattenInto(i, out, depth + 1)) return false;
    return true;
}

const LIST_OF_ANY: TfType = { kind: "list", element: ANY };
const MAP_OF_ANY: TfType = { kind: "map", element: ANY };

/** `v` converted to `t` in place (its nodes keep their locations), or a call error saying why it cannot be. */
function converted(v: TfValue, t: TfType): TfValue {
    const c = convertInPlace(v, t);
    if (!c.ok) bad(conversionProblem(c.error));
    return c.value;
}

/** The bytes a Base64 string encodes, or a call error when it is not Base64 (`base64decode()`, `textdecodebase64()`). */
function base64Bytes(v: TfValue): Buffer {
    const s = str(v);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) bad("the string is not valid base64");
    return Buffer.from(s, "base64");
}

/** Whether `list` holds `v` (Terraform's `==`): undefined when a computed element keeps it undecided (`contains()`, `matchkeys()`). */
function holds(list: readonly TfValue[], v: TfValue): boolean | undefined {
    let undecided = false;
    for (const x of list) {
        const e = equals(x, v);
        if (e === true) return true;
        if (e === undefined) undecided = true;
    }
    return undecided ? undefined : false;
}

/** A digest of a string's UTF-8 bytes or of a file's bytes, as the hash functions write it. */
function digest(algorithm: "md5" | "sha1" | "sha256" | "sha512", encoding: "hex" | "base64"): (data: string | Uint8Array) => string {
    return (data) => createHash(algorithm).update(data).digest(encoding);
}

/** A hash function of a string (`sha256("x")`, `base64sha512("x")`). */
function stringHash(hash: (data: string) => string): FunctionSpec {
    return { arity: [1, 1], impl: ([v], site) => S(hash(str(v)), site) };
}

/** A file function over the file's bytes (binary files too): `filebase64()` and the file hashes. */
function fileBytes(digest: (bytes: Uint8Array) => string): FunctionSpec {
    return {
        arity: [1, 1],
        impl: ([p], site) => {
            const bytes = site.scope.host.readFileBytes(str(p, "path"), site.scope, site.range);
            return bytes === undefined ? { kind: "unknown", reason: "the file could not be read", source: site.source } : S(digest(bytes), site);
        },
    };
}

/** A string Terraform would compute that mlguard does not reproduce: unknown, but never null. */
function notReproduced(site: CallSite, reason: string): TfValue {
    return { kind: "unknown", reason, source: site.source, refinement: { notNull: true } };
}

const FUNCTIONS: Record<string, FunctionSpec> = {
    // --- encoding
    jsonencode: {
        arity: [1, 1],
        handlesUnknown: true,
        impl: ([v], site) => {
            const u = needKnown([v], site, "jsonencode() of a computed value");
            if (!u) {
                const out = S(jsonEncode(v), site);
                // The structure stays with the string, located element by element, for IAM findings.
                if (out.kind === "scalar" && (v.kind === "map" || v.kind === "list")) out.document = v;
                return out;
            }
            return v.kind === "unknown" ? u : computedDocument(u, v);
        },
    },
    jsondecode: {
        arity: [1, 1],
        impl: ([v], site) => {
            try {
                return withSource(fromJs(JSON.parse(str(v))), site);
            } catch (err) {
                if (err instanceof CallError) throw err;
                bad(`the string is not valid JSON: ${(err as Error).message}`);
            }
        },
    },
    yamldecode: {
        arity: [1, 1],
        impl: ([v], site) => withSource(fromJs(decodeYaml(str(v))), site),
    },
    yamlencode: {
        arity: [1, 1],
        handlesUnknown: true,
        impl: ([v], site) => needKnown([v], site, "yamlencode() of a computed value") ?? S(encodeYaml(v), site),
    },
    base64encode: { arity: [1, 1], impl: ([v], site) => S(Buffer.from(str(v), "utf8").toString("base64"), site) },
    base64decode: {
        arity: [1, 1],
        impl: ([v], site) => S(base64Bytes(v).toString("utf8"), site),
    },
    sha256: stringHash(digest("sha256", "hex")),
    sha512: stringHash(digest("sha512", "hex")),
    sha1: stringHash(digest("sha1", "hex")),
    md5: stringHash(digest("md5", "hex")),
    base64sha256: stringHash(digest("sha256", "base64")),
    base64sha512: stringHash(digest("sha512", "base64")),
    // Go's gzip writes other bytes than zlib's for the same input: the result is not reproduced.
    base64gzip: {
        arity: [1, 1],
        impl: ([v], site) => {
            str(v);
            return notReproduced(site, "base64gzip() is not reproduced byte for byte (Terraform compresses with Go's gzip)");
        },
    },
    rsadecrypt: {
        arity: [2, 2],
        impl: ([c, k], site) => {
            str(c, "ciphertext");
            str(k, "private key");
            return notReproduced(site, "rsadecrypt() is not evaluated");
        },
    },
    textencodebase64: {
        arity: [2, 2],
        impl: ([v, enc], site) => {
            const bytes = encodeText(str(v), str(enc, "encoding"));
            return bytes === undefined ? notReproduced(site, `textencodebase64() to ${str(enc)} is not evaluated`) : S(Buffer.from(bytes).toString("base64"), site);
        },
    },
    textdecodebase64: {
        arity: [2, 2],
        impl: ([v, enc], site) => {
            const text = decodeText(base64Bytes(v), str(enc, "encoding"));
            return text === undefined ? notReproduced(site, `textdecodebase64() from ${str(enc)} is not evaluated`) : S(text, site);
        },
    },
    csvdecode: {
        arity: [1, 1],
        impl: ([v], site) => {
            const rows = parseCsv(str(v));
            const [header, ...records] = rows;
            if (!header) bad("missing header line");
            if (new Set(header).size !== header.length) bad("the header line has a duplicate column name");
            if (records.length > MAX_ELEMENTS) bad(`the result would have more than ${MAX_ELEMENTS} elements`);
            return L(
                records.map((r, i) => {
                    if (r.length !== header.length) bad(`line ${i + 2}: wrong number of fields (${r.length}, the header has ${header.length})`);
                    const e: Record<string, TfValue> = {};
                    header.forEach((h, j) => (e[h] = scalar(r[j], site.source)));
                    return M(e, site);
                }),
                site,
            );
        },
    },
    urlencode: { arity: [1, 1], impl: ([v], site) => S(encodeURIComponent(str(v)), site) },

    // --- strings
    format: {
        arity: [1, Infinity],
        handlesUnknown: true,
        impl: (args, site) => needKnown(args, site, "format() of a computed value") ?? S(formatString(str(args[0], "format"), args.slice(1)), site),
    },
    formatlist: {
        arity: [1, Infinity],
        handlesUnknown: true,
        impl: (args, site) => {
            const u = needKnown(args, site, "formatlist() of a computed value");
            if (u) return u;
            const fmt = str(args[0], "format");
            const lists = args.slice(1).map((a) => (a.kind === "list" ? a.items : undefined));
            const lengths = lists.filter((l): l is TfValue[] => !!l).map((l) => l.length);
            if (lengths.some((n) => n !== lengths[0])) bad("all list arguments must have the same length");
            const n = lengths.length > 0 ? lengths[0] : 1;
            const out: TfValue[] = [];
            for (let i = 0; i < n; i++) out.push(S(formatString(fmt, args.slice(1).map((a, j) => lists[j]?.[i] ?? a)), site));
            return L(out, site);
        },
    },
    join: {
        arity: [2, Infinity],
        handlesUnknown: true,
        impl: (args, site) => {
            const u = needKnown(args, site, "join() of a computed value");
            if (u) return u;
            const sep = str(args[0], "separator");
            return S(args.slice(1).flatMap((l) => items(l).map((i) => str(i, "list element"))).join(sep), site);
        },
    },
    split: { arity: [2, 2], impl: ([sep, s], site) => L(str(s).split(str(sep)).map((p) => S(p, site)), site) },
    replace: {
        arity: [3, 3],
        impl: ([s, search, rep], site) => {
            const subject = str(s);
            const pattern = str(search, "search string");
            const replacement = str(rep, "replacement");
            if (pattern.length > 1 && pattern.startsWith("/") && pattern.endsWith("/")) {
                const re = goRegExp(pattern.slice(1, -1), true);
                return S(subject.replace(re, replacement.replace(/\$\{?(\w+)\}?/g, (_m, g: string) => `$<${g}>`).replace(/\$<(\d+)>/g, "$$$1")), site);
            }
            return S(subject.split(pattern).join(replacement), site);
        },
    },
    trimprefix: { arity: [2, 2], impl: ([s, p], site) => S(str(s).startsWith(str(p)) ? str(s).slice(str(p).length) : str(s), site) },
    trimsuffix: {
        arity: [2, 2],
        impl: ([s, p], site) => S(str(p) !== "" && str(s).endsWith(str(p)) ? str(s).slice(0, -str(p).length) : str(s), site),
    },
    trimspace: { arity: [1, 1], impl: ([s], site) => S(str(s).trim(), site) },
    trim: {
        arity: [2, 2],
        impl: ([s, cut], site) => {
            const chars = new Set(str(cut));
            let t = str(s);
            while (t.length > 0 && chars.has(t[0])) t = t.slice(1);
            while (t.length > 0 && chars.has(t[t.length - 1])) t = t.slice(0, -1);
            return S(t, site);
        },
    },
    lower: { arity: [1, 1], impl: ([s], site) => S(str(s).toLowerCase(), site) },
    upper: { arity: [1, 1], impl: ([s], site) => S(str(s).toUpperCase(), site) },
    title: { arity: [1, 1], impl: ([s], site) => S(str(s).replace(/\b\w/g, (c) => c.toUpperCase()), site) },
    startswith: {
        arity: [2, 2],
        handlesUnknown: true,
        impl: ([s, p], site) => {
            // A computed string's known prefix can decide it, as Terraform's refinements do.
            const known = s.kind === "unknown" && p.kind === "scalar" ? s.refinement?.prefix : undefined;
            if (known !== undefined) {
                const want = str(p);
                if (known.startsWith(want)) return S(true, site);
                if (!want.startsWith(known)) return S(false, site);
            }
            if (s.kind === "unknown" || p.kind === "unknown") return unknownFrom(site.source, "startswith() of a computed value", [s, p]);
            return S(str(s).startsWith(str(p)), site);
        },
    },
    endswith: { arity: [2, 2], impl: ([s, p], site) => S(str(s).endsWith(str(p)), site) },
    strcontains: { arity: [2, 2], impl: ([s, p], site) => S(str(s).includes(str(p)), site) },
    strrev: { arity: [1, 1], impl: ([s], site) => S([...str(s)].reverse().join(""), site) },
    substr: {
        arity: [3, 3],
        impl: ([s, off, len], site) => {
            const chars = [...str(s)];
            let o = int(off, "offset");
            let n = int(len, "length");
            if (o < 0) o = chars.length + o;
            if (o < 0 || o > chars.length) bad("the offset is out of range");
            if (n < 0) n = chars.length - o;
            return S(chars.slice(o, o + n).join(""), site);
        },
    },
    indent: {
        arity: [2, 2],
        impl: ([n, s], site) => S(str(s).replace(/\n/g, "\n" + " ".repeat(Math.max(0, Math.min(1000, int(n, "width"))))), site),
    },
    chomp: { arity: [1, 1], impl: ([s], site) => S(str(s).replace(/(\r?\n)+$/, ""), site) },
    regex: {
        arity: [2, 2],
        impl: ([re, s], site) => {
            const m = goRegExp(str(re, "pattern")).exec(str(s));
            if (!m) bad("the pattern did not match");
            return regexResult(m, site);
        },
    },
    regexall: {
        arity: [2, 2],
        impl: ([re, s], site) => {
            const r = goRegExp(str(re, "pattern"), true);
            const out: TfValue[] = [];
            const subject = str(s);
            let m: RegExpExecArray | null;
            while ((m = r.exec(subject)) !== null) {
                out.push(regexResult(m, site));
                if (m[0] === "") r.lastIndex++;
                if (out.length > MAX_ELEMENTS) bad("too many matches");
            }
            return L(out, site);
        },
    },

    // --- numbers
    abs: { arity: [1, 1], impl: ([n], site) => S(Math.abs(num(n)), site) },
    ceil: { arity: [1, 1], impl: ([n], site) => S(Math.ceil(num(n)), site) },
    floor: { arity: [1, 1], impl: ([n], site) => S(Math.floor(num(n)), site) },
    signum: { arity: [1, 1], impl: ([n], site) => S(Math.sign(num(n)), site) },
    pow: { arity: [2, 2], impl: ([a, b], site) => S(Math.pow(num(a), num(b)), site) },
    log: { arity: [2, 2], impl: ([a, b], site) => S(Math.log(num(a)) / Math.log(num(b)), site) },
    min: {
        arity: [1, Infinity],
        impl: (args, site) => S(args.reduce((m, a) => Math.min(m, num(a)), Infinity), site),
    },
    max: {
        arity: [1, Infinity],
        impl: (args, site) => S(args.reduce((m, a) => Math.max(m, num(a)), -Infinity), site),
    },
    parseint: {
        arity: [2, 2],
        impl: ([s, b], site) => {
            const n = parseInt(str(s), int(b, "base"));
            if (Number.isNaN(n)) bad("the string is not a number in that base");
            return S(n, site);
        },
    },
    sum: {
        arity: [1, 1],
        handlesUnknown: true,
        impl: ([l], site) => {
            const u = needKnown([l], site, "sum() of computed values");
            if (u) return u;
            const xs = items(l);
            if (xs.length === 0) bad("cannot sum an empty list");
            return S(xs.reduce((acc, x) => acc + num(x, "list element"), 0), site);
        },
    },

    // --- type conversion
    tostring: {
        arity: [1, 1],
        impl: ([v], site) => {
            if (isNull(v)) return S(null, site);
            const s = asString(v);
            if (s === undefined) bad("cannot convert a collection to a string");
            return S(s, site);
        },
    },
    tonumber: {
        arity: [1, 1],
        impl: ([v], site) => {
            if (isNull(v)) return S(null, site);
            const n = asNumber(v);
            if (n === undefined) bad(`cannot convert ${JSON.stringify(toJs(v))} to a number`);
            return S(n, site);
        },
    },
    tobool: {
        arity: [1, 1],
        impl: ([v], site) => {
            if (isNull(v)) return S(null, site);
            const b = asBool(v);
            if (b === undefined) bad(`cannot convert ${JSON.stringify(toJs(v))} to a bool`);
            return S(b, site);
        },
    },
    // The elements take one type, as Terraform unifies them: tolist(["a", 1]) is ["a", "1"].
    tolist: {
        arity: [1, 1],
        impl: ([v]) => (v.kind === "list" ? converted(v, LIST_OF_ANY) : v.kind === "map" ? bad("cannot convert a map to a list") : bad("cannot convert a primitive to a list")),
    },
    toset: {
        arity: [1, 1],
        handlesUnknown: true,
        impl: ([v], site) => {
            if (v.kind === "unknown") return unknownAt(site.source, "toset() of a computed value", v);
            const xs = items(v);
            if (xs.some((x) => !isWhollyKnown(x))) return unknownAt(site.source, "toset() of computed elements", v);
            return L(setOf(items(converted(v, LIST_OF_ANY))), site);
        },
    },
    tomap: { arity: [1, 1], impl: ([v]) => (v.kind === "map" ? converted(v, MAP_OF_ANY) : bad("cannot convert to a map")) },
    type: { arity: [1, 1], impl: ([v], site) => S(v.kind === "scalar" ? typeof v.value : v.kind === "list" ? "list" : "object", site) },
    sensitive: { arity: [1, 1], handlesUnknown: true, impl: ([v]) => markSensitive(v) },
    // The result stays sensitive (a call's result is sensitive when an argument is): mlguard never echoes it either way.
    nonsensitive: { arity: [1, 1], handlesUnknown: true, impl: ([v]) => v },
    issensitive: { arity: [1, 1], handlesUnknown: true, impl: ([v], site) => S(isSensitive(v), site) },
    // mlguard's values are never ephemeral: the value itself.
    ephemeralasnull: { arity: [1, 1], handlesUnknown: true, impl: ([v]) => v },

    // --- collections
    length: {
        arity: [1, 1],
        impl: ([v], site) => {
            if (v.kind === "list") return S(v.items.length, site);
            if (v.kind === "map") return S(Object.keys(v.entries).length, site);
            const s = asString(v);
            if (s === undefined) bad("length() needs a string or a collection");
            return S([...s].length, site);
        },
    },
    element: {
        arity: [2, 2],
        impl: ([l, i], site) => {
            const xs = items(l);
            if (xs.length === 0) bad("cannot use element() on an empty list");
            const n = int(i, "index");
            if (n < 0) bad("the index must not be negative");
            return xs[n % xs.length];
        },
    },
    index: {
        arity: [2, 2],
        handlesUnknown: true,
        impl: ([l, v], site) => {
            const u = needKnown([l, v], site, "index() over computed values");
            if (u) return u;
            const n = items(l).findIndex((x) => equals(x, v) === true);
            if (n < 0) bad("the value is not in the list");
            return S(n, site);
        },
    },
    keys: { arity: [1, 1], impl: ([m], site) => L(sortedKeys(entries(m)).map((k) => S(k, site)), site) },
    values: {
        arity: [1, 1],
        impl: ([m]) => {
            const e = entries(m);
            return { kind: "list", items: sortedKeys(e).map((k) => e[k]), source: m.source };
        },
    },
    lookup: {
        arity: [2, 3],
        handlesUnknown: true,
        impl: ([m, k, d], site) => {
            // Every key misses an empty map, so a computed key (a template's each.value) still gets the default.
            if (k.kind === "unknown" && m.kind === "map" && d !== undefined && d.kind !== "unknown" && !hasKeys(m.entries)) return d;
            if (m.kind === "unknown" || k.kind === "unknown" || d?.kind === "unknown") return unknownFrom(site.source, "lookup() of a computed value", d ? [m, k, d] : [m, k]);
            const e = entries(m);
            const key = str(k, "key");
            if (Object.prototype.hasOwnProperty.call(e, key)) return e[key];
            if (d === undefined) bad(`the map has no element "${key}" and no default was given`);
            return d;
        },
    },
    merge: {
        arity: [0, Infinity],
        impl: (args, site) => {
            const out: Record<string, TfValue> = {};
            for (const a of args) {
                if (isNull(a)) continue;
                Object.assign(out, entries(a, "argument of merge()"));
            }
            return M(out, site);
        },
    },
    concat: {
        arity: [1, Infinity],
        impl: (args, site) => L(args.flatMap((a) => items(a, "argument of concat()")), site),
    },
    flatten: {
        arity: [1, 1],
        handlesUnknown: true,
        impl: ([l], site) => {
            if (l.kind === "unknown") return unknownAt(site.source, "flatten() of a computed value", l);
            items(l);
            const out: TfValue[] = [];
            if (!flattenInto(l, out, 0)) return unknownAt(site.source, "flatten() of a computed list", l);
            return L(out, site);
        },
    },
    distinct: {
        arity: [1, 1],
        handlesUnknown: true,
        impl: ([l], site) => {
            const u = needKnown([l], site, "distinct() of computed values");
            if (u) return u;
            const out: TfValue[] = [];
            for (const x of items(l)) if (!out.some((o) => equals(o, x) === true)) out.push(x);
            return L(out, site);
        },
    },
    contains: {
        arity: [2, 2],
        handlesUnknown: true,
        impl: ([l, v], site) => {
            if (l.kind === "unknown" || v.kind === "unknown") return unknownAt(site.source, "contains() of a computed value", l, v);
            const found = holds(items(l), v);
            return found === undefined ? unknownAt(site.source, "contains() over computed elements", l, v) : S(found, site);
        },
    },
    range: {
        arity: [1, 3],
        impl: (args, site) => {
            const ns = args.map((a) => num(a));
            const [start, end, step] = ns.length === 1 ? [0, ns[0], 1] : ns.length === 2 ? [ns[0], ns[1], ns[0] <= ns[1] ? 1 : -1] : [ns[0], ns[1], ns[2]];
            if (step === 0) bad("the step must not be zero");
            if ((end - start) / step > MAX_ELEMENTS) bad(`range() would produce more than ${MAX_ELEMENTS} numbers`);
            const out: TfValue[] = [];
            for (let x = start; step > 0 ? x < end : x > end; x += step) out.push(S(x, site));
            return L(out, site);
        },
    },
    setproduct: {
        arity: [2, Infinity],
        impl: (args, site) => {
            const lists = args.map((a, i) => items(a, `argument ${i + 1}`));
            if (lists.reduce((n, l) => n * l.length, 1) > MAX_ELEMENTS) bad(`the result would have more than ${MAX_ELEMENTS} elements`);
            // Odometer order: the last argument varies fastest, as Terraform lists the product.
            let out: TfValue[][] = [[]];
            for (const l of lists) out = out.flatMap((prefix) => l.map((x) => [...prefix, x]));
            return L(out.map((t) => L(t, site)), site);
        },
    },
    matchkeys: {
        arity: [3, 3],
        impl: ([vs, ks, search], site) => {
            const valueItems = items(vs, "values");
            const keyItems = items(ks, "keys");
            const searchItems = items(search, "search set");
            if (valueItems.length !== keyItems.length) bad("the values and keys lists must have the same length");
            const out: TfValue[] = [];
            for (let i = 0; i < keyItems.length; i++) {
                const found = holds(searchItems, keyItems[i]);
                if (found === undefined) return unknownAt(site.source, "matchkeys() over computed keys", ks, search);
                if (found) out.push(valueItems[i]);
            }
            return L(out, site);
        },
    },
    zipmap: {
        arity: [2, 2],
        impl: ([ks, vs], site) => {
            const keyItems = items(ks, "keys");
            const valueItems = items(vs, "values");
            if (keyItems.length !== valueItems.length) bad("the keys and values lists must have the same length");
            if (keyItems.some((k) => k.kind === "unknown")) return unknownAt(site.source, "zipmap() with computed keys", ks, vs);
            const out: Record<string, TfValue> = {};
            keyItems.forEach((k, i) => (out[str(k, "key")] = valueItems[i]));
            return M(out, site);
        },
    },
    compact: {
        arity: [1, 1],
        handlesUnknown: true,
        impl: ([l], site) => {
            if (l.kind === "unknown") return unknownAt(site.source, "compact() of a computed value", l);
            const xs = items(l);
            // A computed element stays when it is known to be neither null nor "" (a template with a literal start, a policy's JSON).
            if (xs.some((x) => x.kind === "unknown" && !neitherNullNorEmpty(x))) return unknownAt(site.source, "compact() of computed elements", l);
            return L(xs.filter((x) => !(isNull(x) || (x.kind === "scalar" && x.value === ""))), site);
        },
    },
    one: {
        arity: [1, 1],
        impl: ([l], site) => {
            const xs = items(l);
            if (xs.length > 1) bad("one() needs a list of at most one element");
            return xs[0] ?? S(null, site);
        },
    },
    coalesce: {
        arity: [1, Infinity],
        handlesUnknown: true,
        impl: (args, site) => {
            // The arguments take one type, as Terraform unifies them: known primitives of mixed types become strings.
            const kinds = new Set(args.filter((a) => a.kind === "scalar" && a.value !== null).map((a) => typeof (a as { value: unknown }).value));
            const asStrings = kinds.size > 1 && args.every((a) => a.kind === "scalar");
            for (const a of args) {
                // A computed string known to be neither null nor "" (a resource's ARN, a template with a literal start) is the answer.
                if (a.kind === "unknown") return neitherNullNorEmpty(a) ? a : unknownFrom(site.source, "coalesce() reached a computed value", args);
                if (!isNull(a) && !(a.kind === "scalar" && a.value === "")) return asStrings ? S(asString(a)!, site) : a;
            }
            bad("no non-null, non-empty argument");
        },
    },
    coalescelist: {
        arity: [1, Infinity],
        handlesUnknown: true,
        impl: (args, site) => {
            for (const a of args) {
                if (a.kind === "unknown") return unknownFrom(site.source, "coalescelist() reached a computed value", args);
                if (items(a).length > 0) return a;
            }
            bad("no non-empty list");
        },
    },
    slice: {
        arity: [3, 3],
        impl: ([l, a, b], site) => {
            const xs = items(l);
            const from = int(a, "start index");
            const to = int(b, "end index");
            if (from < 0 || to > xs.length || from > to) bad("the indexes are out of range");
            return L(xs.slice(from, to), site);
        },
    },
    reverse: { arity: [1, 1], impl: ([l], site) => L([...items(l)].reverse(), site) },
    sort: {
        arity: [1, 1],
        handlesUnknown: true,
        impl: ([l], site) => {
            const u = needKnown([l], site, "sort() of computed values");
            if (u) return u;
            const xs = items(l).map((x) => str(x, "list element"));
            return L(xs.sort().map((x) => S(x, site)), site);
        },
    },
    setunion: {
        arity: [1, Infinity],
        handlesUnknown: true,
        impl: (args, site) => needKnown(args, site, "setunion() of computed values") ?? L(setOf(args.flatMap((a) => items(a))), site),
    },
    setintersection: {
        arity: [1, Infinity],
        handlesUnknown: true,
        impl: (args, site) => {
            const u = needKnown(args, site, "setintersection() of computed values");
            if (u) return u;
            const [first, ...rest] = args.map((a) => items(a));
            return L(setOf(first.filter((x) => rest.every((r) => r.some((y) => equals(x, y) === true)))), site);
        },
    },
    setsubtract: {
        arity: [2, 2],
        handlesUnknown: true,
        impl: ([a, b], site) => {
            const u = needKnown([a, b], site, "setsubtract() of computed values");
            if (u) return u;
            return L(setOf(items(a).filter((x) => !items(b).some((y) => equals(x, y) === true))), site);
        },
    },
    alltrue: {
        arity: [1, 1],
        handlesUnknown: true,
        impl: ([l], site) => {
            if (l.kind === "unknown") return unknownAt(site.source, "alltrue() of a computed value", l);
            let undecided = false;
            for (const x of items(l)) {
                if (x.kind === "unknown") {
                    undecided = true;
                    continue;
                }
                const b = asBool(x);
                if (b === undefined) bad("the list must hold bools");
                if (!b) return S(false, site);
            }
            return undecided ? unknownAt(site.source, "alltrue() over computed elements", l) : S(true, site);
        },
    },
    anytrue: {
        arity: [1, 1],
        handlesUnknown: true,
        impl: ([l], site) => {
            if (l.kind === "unknown") return unknownAt(site.source, "anytrue() of a computed value", l);
            let undecided = false;
            for (const x of items(l)) {
                if (x.kind === "unknown") {
                    undecided = true;
                    continue;
                }
                const b = asBool(x);
                if (b === undefined) bad("the list must hold bools");
                if (b) return S(true, site);
            }
            return undecided ? unknownAt(site.source, "anytrue() over computed elements", l) : S(false, site);
        },
    },
    chunklist: {
        arity: [2, 2],
        impl: ([l, n], site) => {
            const xs = items(l);
            const size = int(n, "chunk size");
            if (size < 0) bad("the chunk size must not be negative");
            if (size === 0) return L([L(xs, site)], site);
            const out: TfValue[] = [];
            for (let i = 0; i < xs.length; i += size) out.push(L(xs.slice(i, i + size), site));
            return L(out, site);
        },
    },
    transpose: {
        arity: [1, 1],
        handlesUnknown: true,
        impl: ([m], site) => {
            const u = needKnown([m], site, "transpose() of computed values");
            if (u) return u;
            const out: Record<string, string[]> = {};
            for (const [k, v] of Object.entries(entries(m))) for (const x of items(v)) (out[str(x)] ??= []).push(k);
            const e: Record<string, TfValue> = {};
            for (const k of sortedKeys(out)) e[k] = L(out[k].sort().map((x) => S(x, site)), site);
            return M(e, site);
        },
    },

    // --- network
    cidrsubnet: {
        arity: [3, 3],
        impl: ([prefix, newbits, netnum], site) => {
            const { base, bits } = parseCidr(str(prefix, "prefix"));
            const nb = int(newbits, "newbits");
            const n = int(netnum, "netnum");
            const total = bits + nb;
            if (nb < 0 || total > 32) bad("the prefix would be longer than 32 bits");
            if (n < 0 || n >= 2 ** nb) bad(`netnum ${n} does not fit in ${nb} bits`);
            const addr = (base + n * 2 ** (32 - total)) >>> 0;
            return S(`${intToIpv4(addr)}/${total}`, site);
        },
    },
    cidrhost: {
        arity: [2, 2],
        impl: ([prefix, hostnum], site) => {
            const { base, bits } = parseCidr(str(prefix, "prefix"));
            let h = int(hostnum, "hostnum");
            const size = 2 ** (32 - bits);
            if (h < 0) h = size + h;
            if (h < 0 || h >= size) bad("the host number is out of range");
            return S(intToIpv4((base + h) >>> 0), site);
        },
    },
    cidrnetmask: {
        arity: [1, 1],
        impl: ([prefix], site) => {
            const { bits } = parseCidr(str(prefix, "prefix"));
            return S(intToIpv4(bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0), site);
        },
    },
    cidrsubnets: {
        arity: [1, Infinity],
        impl: ([prefix, ...sizes], site) => {
            const { base, bits } = parseCidr(str(prefix, "prefix"));
            let next = base;
            const out: TfValue[] = [];
            for (const s of sizes) {
                const total = bits + int(s, "newbits");
                if (total > 32) bad("the prefix would be longer than 32 bits");
                const block = 2 ** (32 - total);
                next = Math.ceil(next / block) * block;
                out.push(S(`${intToIpv4(next >>> 0)}/${total}`, site));
                next += block;
            }
            return L(out, site);
        },
    },

    // --- files (confined to the scan root by the host)
    file: {
        arity: [1, 1],
        impl: ([p], site) => {
            const text = site.scope.host.readFile(str(p, "path"), site.scope, site.range);
            return text === undefined ? { kind: "unknown", reason: "the file could not be read", source: site.source } : S(text, site);
        },
    },
    fileexists: { arity: [1, 1], impl: ([p], site) => S(site.scope.host.fileExists(str(p, "path")), site) },
    filebase64: fileBytes((b) => Buffer.from(b).toString("base64")),
    filemd5: fileBytes(digest("md5", "hex")),
    filesha1: fileBytes(digest("sha1", "hex")),
    filesha256: fileBytes(digest("sha256", "hex")),
    filesha512: fileBytes(digest("sha512", "hex")),
    filebase64sha256: fileBytes(digest("sha256", "base64")),
    filebase64sha512: fileBytes(digest("sha512", "base64")),
    templatefile: {
        arity: [2, 2],
        handlesUnknown: true,
        impl: ([p, vars], site) => {
            if (p.kind === "unknown") return unknownAt(site.source, "templatefile() of a computed path", p);
            const path = str(p, "path");
            const text = site.scope.host.readFile(path, site.scope, site.range);
            if (text === undefined) return { kind: "unknown", reason: "the template file could not be read", source: site.source };
            if (vars.kind === "unknown") return unknownAt(site.source, "templatefile() with computed variables", vars);
            // Located in the template file as the scan root names it, so findings inside it point there.
            const v = evaluateTemplateText(text, site.scope.host.filePath(path) ?? path, entries(vars, "variables"), site.scope);
            return v.kind === "scalar" || v.kind === "unknown" ? { ...v, source: site.source } : v;
        },
    },

    templatestring: {
        arity: [2, 2],
        handlesUnknown: true,
        impl: ([t, vars], site) => {
            if (t.kind === "unknown") return unknownAt(site.source, "templatestring() of a computed template", t);
            const text = str(t, "template");
            if (vars.kind === "unknown") return unknownAt(site.source, "templatestring() with computed variables", vars);
            const v = evaluateTemplateText(text, site.scope.file, entries(vars, "variables"), site.scope);
            return v.kind === "scalar" || v.kind === "unknown" ? { ...v, source: site.source } : v;
        },
    },
    fileset: {
        arity: [2, 2],
        impl: ([p, pattern], site) => {
            const dir = str(p, "path");
            const glob = str(pattern, "pattern");
            const re = globToRegExp(glob);
            const files = site.scope.host.listFiles(dir, site.scope, site.range);
            if (files === undefined) return { kind: "unknown", reason: "fileset() of a directory that could not be listed", source: site.source };
            const matched = files.filter((f) => re.test(f)).sort();
            return list(matched.map((f) => scalar(f, site.source)), site.source);
        },
    },

    // --- time and identity: values that differ per run are unknown, as in a plan
    timestamp: { arity: [0, 0], impl: (_a, site) => ({ kind: "unknown", reason: "timestamp() is known only at apply", source: site.source }) },
    uuid: { arity: [0, 0], impl: (_a, site) => ({ kind: "unknown", reason: "uuid() differs on every run", source: site.source }) },
    plantimestamp: { arity: [0, 0], impl: (_a, site) => notReproduced(site, "plantimestamp() differs on every plan") },
    uuidv5: { arity: [2, 2], impl: ([ns, name], site) => S(uuidV5(str(ns, "namespace"), str(name, "name")), site) },
    timeadd: {
        arity: [2, 2],
        impl: ([t, d], site) => {
            const at = parseTimestamp(str(t, "timestamp"));
            return S(formatRfc3339(at.epochMs + parseDuration(str(d, "duration")), at.offsetMinutes), site);
        },
    },
    timecmp: {
        arity: [2, 2],
        impl: ([a, b], site) => {
            const x = parseTimestamp(str(a, "first timestamp")).epochMs;
            const y = parseTimestamp(str(b, "second timestamp")).epochMs;
            return S(x < y ? -1 : x > y ? 1 : 0, site);
        },
    },
    formatdate: { arity: [2, 2], impl: ([f, t], site) => S(formatDate(str(f, "format"), parseTimestamp(str(t, "timestamp"))), site) },
    bcrypt: { arity: [1, 2], impl: (_a, site) => ({ kind: "unknown", reason: "bcrypt() differs on every run", source: site.source }) },
    abspath: { arity: [1, 1], impl: ([p], site) => S(str(p), site) },
    basename: { arity: [1, 1], impl: ([p], site) => S(str(p).replace(/\/+$/, "").split("/").pop() ?? "", site) },
    dirname: {
        arity: [1, 1],
        impl: ([p], site) => {
            const parts = str(p).split("/");
            parts.pop();
            return S(parts.length === 0 ? "." : parts.join("/") || "/", site);
        },
    },
    pathexpand: { arity: [1, 1], impl: ([p], site) => S(str(p), site) },
};

function withSource(v: TfValue, site: CallSite): TfValue {
    return v.kind === "scalar" ? { ...v, source: site.source } : { ...v, source: site.source };
}

/** The names of the functions the evaluator implements. */
export const SUPPORTED_FUNCTIONS: readonly string[] = Object.keys(FUNCTIONS).concat(["try", "can"]).sort();

/** Calls a Terraform function by name. Unknown arguments propagate; errors become diagnostics and an unknown result. */
export function callFunction(name: string, args: TfValue[], site: CallSite): TfValue {
    const spec = Object.prototype.hasOwnProperty.call(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
    if (!spec) {
        report(site.scope, "warning", "Function not evaluated", `mlguard does not evaluate ${name}(); its result is unknown.`, site.nameRange);
        return unknownFrom(site.source, `${name}() is not evaluated`, args);
    }
    if (args.length < spec.arity[0] || args.length > spec.arity[1]) {
        const expected = spec.arity[0] === spec.arity[1] ? `${spec.arity[0]}` : spec.arity[1] === Infinity ? `at least ${spec.arity[0]}` : `${spec.arity[0]} to ${spec.arity[1]}`;
        return evalError(site.scope, "Wrong number of arguments", `${name}() takes ${expected} arguments, not ${args.length}.`, site.range);
    }
    if (!spec.handlesUnknown) {
        const u = args.find((a) => a.kind === "unknown");
        if (u) return unknownFrom(site.source, `${name}() of a computed value`, args);
    }
    try {
        return spec.impl(args, site);
    } catch (err) {
        if (err instanceof CallError) return evalError(site.scope, "Invalid function argument", `${name}(): ${err.message}.`, site.range);
        return evalError(site.scope, "Function failed", `${name}(): ${err instanceof Error ? err.message : String(err)}`, site.range);
    }
}

/**
 * Text that js-yaml reads exactly as `yaml`'s YAML 1.2 core schema does (and as Terraform's
 * yamldecode): no anchors or aliases (`&`), tags (`!`), explicit or flow-collection keys (`?`,
 * `]:`, `}:`), null keys, `0b` literals or `-0`, where the two libraries differ. Anything else takes the
 * full library; test/terraform/yamldecode-paths.test.ts holds the two paths to the same values.
 */
const NEEDS_FULL_YAML = /[&!?]|[\]}]\s*:|(?:^|[\s,[{-])(?:~|null|Null|NULL)?\s*:(?:\s|$)|(?:^|[\s,[{:-])[-+]?0b|(?:^|[\s,[{:])-0(?:\.0*)?(?:[\s,\]}]|$)/m;

/** `yamldecode()` of a string: js-yaml for text it reads as YAML 1.2 core does ({@link NEEDS_FULL_YAML}), else {@link decodeYamlFully}. */
export function decodeYaml(text: string): unknown {
    // js-yaml is about ten times faster; factory modules yamldecode() thousands of files.
    if (!NEEDS_FULL_YAML.test(text)) {
        try {
            return jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA }) ?? null;
        } catch {
            // the full library says what is wrong, in the words the rest of mlguard uses
        }
    }
    return decodeYamlFully(text);
}

/** `yamldecode()` through the `yaml` library, which also reports errors with their position. */
export function decodeYamlFully(text: string): unknown {
    let doc: ReturnType<typeof YAML.parseDocument>;
    try {
        doc = YAML.parseDocument(text, { schema: "core", uniqueKeys: true });
    } catch (err) {
        bad(`the string is not valid YAML: ${(err as Error).message.split("\n")[0]}`);
    }
    const first = doc.errors[0];
    if (first?.code === "MULTIPLE_DOCS") {
        const at = first.linePos?.[0];
        bad(`the string holds more than one YAML document${at ? ` (the second starts on line ${at.line})` : ""}; yamldecode() reads exactly one`);
    }
    if (first) bad(`the string is not valid YAML: ${first.message.split("\n")[0]}`);
    return doc.toJS({ maxAliasCount: 100 });
}

function encodeYaml(v: TfValue): string {
    return YAML.stringify(toJs(v), { sortMapEntries: true, lineWidth: 0 });
}

/**
 * A `fileset()` pattern as a regular expression over paths relative to the listed directory
 * (Go's `doublestar` syntax: `*` and `?` stay within one path segment, `**` spans segments,
 * `[...]` classes, `{a,b}` alternatives).
 */
export function globToRegExp(glob: string): RegExp {
    let re = "";
    let braces = 0;
    for (let i = 0; i < glob.length; i++) {
        const c = glob[i];
        if (c === "*") {
            if (glob[i + 1] === "*") {
                i++;
                if (glob[i + 1] === "/") {
                    i++;
                    re += "(?:[^/]*/)*";
                } else re += ".*";
            } else re += "[^/]*";
        } else if (c === "?") re += "[^/]";
        else if (c === "[") {
            const end = glob.indexOf("]", i + 1);
            if (end < 0) re += "\\[";
            else {
                let cls = glob.slice(i + 1, end).replace(/\\/g, "\\\\");
                if (cls.startsWith("!")) cls = "^" + cls.slice(1);
                re += `[${cls}]`;
                i = end;
            }
        } else if (c === "{") {
            braces++;
            re += "(?:";
        } else if (c === "}" && braces > 0) {
            braces--;
            re += ")";
        } else if (c === "," && braces > 0) re += "|";
        else if (c === "\\" && i + 1 < glob.length) re += escapeRe(glob[++i]);
        else re += escapeRe(c);
    }
    while (braces-- > 0) re += ")";
    return new RegExp(`^${re}$`);
}

function escapeRe(c: string): string {
    return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}
