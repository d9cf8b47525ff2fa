import { bad } from "./call-error";

/**
 * Timestamps and durations for `timeadd()`, `timecmp()` and `formatdate()`, as Terraform reads and
 * writes them (Go's `time.RFC3339` and `time.ParseDuration`). Instants are milliseconds since the
 * epoch; a timestamp keeps the offset it was written with, for output in the same zone.
 */
export interface Timestamp {
    epochMs: number;
    /** The written UTC offset, in minutes (0 for `Z`). */
    offsetMinutes: number;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Reads an RFC 3339 timestamp (`2024-05-01T12:00:00Z`, `2024-05-01T12:00:00.5+02:00`). */
export function parseTimestamp(s: string): Timestamp {
    const m = RFC3339.exec(s);
    if (!m) bad(`not a valid RFC3339 timestamp: ${JSON.stringify(s)}`);
    const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
    // Day 0 of the next month is the last of this one (setUTCFullYear: Date.UTC reads years below 100 as 19xx).
    const last = new Date(0);
    last.setUTCFullYear(year, month, 0);
    const daysInMonth = last.getUTCDate();
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) {
        bad(`not a valid RFC3339 timestamp: ${JSON.stringify(s)} is out of range`);
    }
    let offsetMinutes = 0;
    if (m[8] !== "Z") {
        const sign = m[8][0] === "-" ? -1 : 1;
        const oh = Number(m[8].slice(1, 3));
        const om = Number(m[8].slice(4, 6));
        if (oh > 23 || om > 59) bad(`not a valid RFC3339 timestamp: ${JSON.stringify(s)} has an invalid offset`);
        offsetMinutes = sign * (oh * 60 + om);
    }
    const utc = new Date(0);
    utc.setUTCFullYear(year, month - 1, day);
    utc.setUTCHours(hour, minute, second, 0);
    const fraction = m[7] ? Number(`0${m[7]}`) * 1000 : 0;
    return { epochMs: utc.getTime() + fraction - offsetMinutes * 60_000, offsetMinutes };
}

/** The wall-clock fields of an instant in a zone. */
function fields(epochMs: number, offsetMinutes: number) {
    const d = new Date(Math.floor((epochMs + offsetMinutes * 60_000) / 1000) * 1000);
    // JavaScript dates end 273,790 years from 1970 (Go's go further): beyond, no result.
    if (Number.isNaN(d.getTime())) bad("the resulting time is out of range");
    return {
        year: d.getUTCFullYear(),
        month: d.getUTCMonth() + 1,
        day: d.getUTCDate(),
        weekday: d.getUTCDay(),
        hour: d.getUTCHours(),
        minute: d.getUTCMinutes(),
        second: d.getUTCSeconds(),
    };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** A year as Go writes it: at least four digits, with a minus sign before year 0. */
const year4 = (y: number) => (y < 0 ? `-${pad(-y, 4)}` : pad(y, 4));

function offsetText(offsetMinutes: number, colon: boolean): string {
    const a = Math.abs(offsetMinutes);
    return `${offsetMinutes < 0 ? "-" : "+"}${pad(Math.floor(a / 60))}${colon ? ":" : ""}${pad(a % 60)}`;
}

/** An instant as Go's `time.RFC3339` writes it in the given zone (whole seconds; `Z` for UTC). */
export function formatRfc3339(epochMs: number, offsetMinutes: number): string {
    const f = fields(epochMs, offsetMinutes);
    return `${year4(f.year)}-${pad(f.month)}-${pad(f.day)}T${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}${offsetMinutes === 0 ? "Z" : offsetText(offsetMinutes, true)}`;
}

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, "µs": 1e-3, "μs": 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Reads a Go duration (`"1h30m"`, `"-10s"`, `"1.5h"`, `"300ms"`) into milliseconds. */
export function parseDuration(s: string): number {
    const invalid = () => bad(`invalid duration ${JSON.stringify(s)}`);
    let rest = s;
    let sign = 1;
    if (rest.startsWith("-") || rest.startsWith("+")) {
        sign = rest[0] === "-" ? -1 : 1;
        rest = rest.slice(1);
    }
    if (rest === "0") return 0;
    if (rest === "") invalid();
    let total = 0;
    const part = /^(\d*(?:\.\d*)?)(ns|us|µs|μs|ms|s|m|h)/;
    while (rest.length > 0) {
        const m = part.exec(rest);
        if (!m || m[1] === "" || m[1] === ".") invalid();
        total += Number(m![1]) * UNIT_MS[m![2]];
        rest = rest.slice(m![0].length);
    }
    return sign * total;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/**
 * `formatdate(spec, timestamp)`: runs of one letter are verbs (`YYYY`, `MMM`, `DD`, `EEE`, `hh`,
 * `HH`, `mm`, `ss`, `aa`, `ZZZZZ`, …), text in single quotes is literal (`''` is a quote), other
 * characters are copied.
 */
export function formatDate(spec: string, t: Timestamp): string {
    const f = fields(t.epochMs, t.offsetMinutes);
    let out = "";
    for (let i = 0; i < spec.length; ) {
        const c = spec[i];
        if (c === "'") {
            // A literal runs to the next quote not doubled; `''` alone, or doubled inside, is a quote.
            let end = i + 1;
            for (; end < spec.length; end++) {
                if (spec[end] !== "'") continue;
                if (end > i + 1 && spec[end + 1] === "'") {
                    end++;
                    continue;
                }
                break;
            }
            if (end >= spec.length) bad("unterminated literal '");
            out += end === i + 1 ? "'" : spec.slice(i + 1, end).replace(/''/g, "'");
            i = end + 1;
            continue;
        }
        if (!/[A-Za-z]/.test(c)) {
            out += c;
            i++;
            continue;
        }
        let j = i;
        while (spec[j] === c) j++;
        const n = j - i;
        out += verb(c, n, f, t.offsetMinutes);
        i = j;
    }
    return out;
}

type Fields = ReturnType<typeof fields>;
const hour12 = (f: Fields) => (f.hour % 12 === 0 ? 12 : f.hour % 12);

/** The verbs of `formatdate()`: letter → run length → rendering of the wall-clock fields and offset. */
const VERBS: Record<string, Record<number, (f: Fields, offset: number) => string>> = {
    Y: { 2: (f) => pad(Math.abs(f.year) % 100), 4: (f) => year4(f.year) },
    M: { 1: (f) => String(f.month), 2: (f) => pad(f.month), 3: (f) => MONTHS[f.month - 1].slice(0, 3), 4: (f) => MONTHS[f.month - 1] },
    D: { 1: (f) => String(f.day), 2: (f) => pad(f.day) },
    E: { 3: (f) => WEEKDAYS[f.weekday].slice(0, 3), 4: (f) => WEEKDAYS[f.weekday] },
    h: { 1: (f) => String(f.hour), 2: (f) => pad(f.hour) },
    H: { 1: (f) => String(hour12(f)), 2: (f) => pad(hour12(f)) },
    A: { 2: (f) => (f.hour < 12 ? "AM" : "PM") },
    a: { 2: (f) => (f.hour < 12 ? "am" : "pm") },
    m: { 1: (f) => String(f.minute), 2: (f) => pad(f.minute) },
    s: { 1: (f) => String(f.second), 2: (f) => pad(f.second) },
    Z: {
        1: (_f, offset) => (offset === 0 ? "Z" : offsetText(offset, true)),
        3: (_f, offset) => (offset === 0 ? "UTC" : offsetText(offset, false)),
        4: (_f, offset) => offsetText(offset, false),
        5: (_f, offset) => offsetText(offset, true),
    },
};

function verb(c: string, n: number, f: Fields, offset: number): string {
    const render = Object.prototype.hasOwnProperty.call(VERBS, c) ? VERBS[c][n] : undefined;
    if (!render) bad(`invalid date format verb ${JSON.stringify(c.repeat(n))}`);
    return render(f, offset);
}
