/**
 * Packs plain data (findings) for `postMessage` from a worker thread. Structured clone of a hundred
 * thousand findings costs seconds on the receiving thread; packed, every string and every object
 * shape crosses once, numbers travel in one transferred buffer, and the receiver rebuilds the
 * objects with the same keys in the same order, sharing the objects that were shared.
 * Anything that is not plain data (a Date, a Map, a class instance) goes through structured clone.
 */

/** The packed form: `data` is a stream of tags and payloads that index `strings`, `shapes` and `extras`. */
export interface Packed {
    data: Float64Array;
    length: number;
    strings: string[];
    shapes: string[][];
    extras: unknown[];
}

const enum Tag {
    Undefined,
    Null,
    False,
    True,
    Number,
    String,
    Seen,
    Object,
    Array,
    Extra,
    Position,
}

/**
 * Source positions are half the objects of a finding and are leaves: they travel inline, without
 * the identity bookkeeping (a position shared by two ranges arrives as two equal positions).
 */
function isPosition(v: object): v is { line: number; column: number; offset: number } {
    const p = v as { line?: unknown; column?: unknown; offset?: unknown };
    if (typeof p.offset !== "number" || typeof p.line !== "number" || typeof p.column !== "number") return false;
    let i = 0;
    for (const k in v) {
        if (k !== POSITION_KEYS[i++]) return false;
    }
    return i === 3 && Object.getPrototypeOf(v) === Object.prototype;
}

const POSITION_KEYS = ["line", "column", "offset"];

interface ShapeNode {
    id: number;
    next: Map<string, ShapeNode>;
}

function isPlainObject(v: object): boolean {
    const proto = Object.getPrototypeOf(v);
    return proto === Object.prototype || proto === null;
}

/** Packs a value; objects met twice are packed once and shared again when unpacked. */
export function pack(value: unknown): Packed {
    let data = new Float64Array(1 << 16);
    let n = 0;
    const strings: string[] = [];
    const stringIds = new Map<string, number>();
    const shapes: string[][] = [];
    // Shapes are found by walking a trie of key sequences: no key list is built for a known shape.
    const shapeTrie: ShapeNode = { id: -1, next: new Map() };
    const extras: unknown[] = [];
    const objectIds = new Map<object, number>();
    const put = (x: number) => {
        if (n === data.length) {
            const grown = new Float64Array(data.length * 2);
            grown.set(data);
            data = grown;
        }
        data[n++] = x;
    };
    const visit = (v: unknown): void => {
        switch (typeof v) {
            case "undefined":
                put(Tag.Undefined);
                return;
            case "boolean":
                put(v ? Tag.True : Tag.False);
                return;
            case "number":
                put(Tag.Number);
                put(v);
                return;
            case "string": {
                let id = stringIds.get(v);
                if (id === undefined) {
                    id = strings.length;
                    strings.push(v);
                    stringIds.set(v, id);
                }
                put(Tag.String);
                put(id);
                return;
            }
            case "object": {
                if (v === null) {
                    put(Tag.Null);
                    return;
                }
                if (isPosition(v)) {
                    put(Tag.Position);
                    put(v.line);
                    put(v.column);
                    put(v.offset);
                    return;
                }
                const seen = objectIds.get(v);
                if (seen !== undefined) {
                    put(Tag.Seen);
                    put(seen);
                    return;
                }
                if (Array.isArray(v) && Object.getPrototypeOf(v) === Array.prototype) {
                    objectIds.set(v, objectIds.size);
                    put(Tag.Array);
                    put(v.length);
                    for (let i = 0; i < v.length; i++) visit(v[i]);
                    return;
                }
                if (!Array.isArray(v) && isPlainObject(v)) {
                    objectIds.set(v, objectIds.size);
                    let node = shapeTrie;
                    for (const k in v) {
                        let next = node.next.get(k);
                        if (next === undefined) {
                            next = { id: -1, next: new Map() };
                            node.next.set(k, next);
                        }
                        node = next;
                    }
                    if (node.id < 0) {
                        node.id = shapes.length;
                        shapes.push(Object.keys(v));
                    }
                    put(Tag.Object);
                    put(node.id);
                    for (const k in v) visit((v as Record<string, unknown>)[k]);
                    return;
                }
                break;
            }
        }
        // Not plain data: structured clone keeps whatever it can of it, as postMessage always did.
        objectIds.set(v as object, objectIds.size);
        put(Tag.Extra);
        put(extras.length);
        extras.push(v);
    };
    visit(value);
    return { data, length: n, strings, shapes, extras };
}

/** Rebuilds what {@link pack} packed. */
export function unpack(p: Packed): unknown {
    const { data, strings, shapes, extras } = p;
    // A "__proto__" key (a user's map key, say) must become an own property, not a prototype.
    const protoShapes = new Set(shapes.flatMap((keys, id) => (keys.includes("__proto__") ? [id] : [])));
    const objects: unknown[] = [];
    let i = 0;
    const read = (): unknown => {
        const tag = data[i++] as Tag;
        switch (tag) {
            case Tag.Undefined:
                return undefined;
            case Tag.Null:
                return null;
            case Tag.False:
                return false;
            case Tag.True:
                return true;
            case Tag.Number:
                return data[i++];
            case Tag.String:
                return strings[data[i++]];
            case Tag.Seen:
                return objects[data[i++]];
            case Tag.Array: {
                const length = data[i++];
                const out: unknown[] = new Array(length);
                objects.push(out);
                for (let k = 0; k < length; k++) out[k] = read();
                return out;
            }
            case Tag.Object: {
                const shape = data[i++];
                const keys = shapes[shape];
                const out: Record<string, unknown> = {};
                objects.push(out);
                if (protoShapes.has(shape)) {
                    for (const key of keys) Object.defineProperty(out, key, { value: read(), enumerable: true, writable: true, configurable: true });
                    return out;
                }
                for (let k = 0; k < keys.length; k++) out[keys[k]] = read();
                return out;
            }
            case Tag.Position: {
                const line = data[i++];
                const column = data[i++];
                return { line, column, offset: data[i++] };
            }
            case Tag.Extra: {
                const extra = extras[data[i++]];
                objects.push(extra);
                return extra;
            }
        }
        throw new Error(`corrupt packed data (tag ${tag})`);
    };
    return read();
}
