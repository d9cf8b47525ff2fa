import type { AnyControl } from "../catalog/control";

/** Levenshtein distance, for "did you mean" suggestions. */
function distance(a: string, b: string): number {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        let prev = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const tmp = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
            prev = tmp;
        }
    }
    return row[b.length];
}

/** The closest control id, when one is close enough to be a typo. */
export function suggestId(id: string, controls: readonly AnyControl[]): string | undefined {
    let best: string | undefined;
    let bestD = Infinity;
    for (const c of controls) {
        const d = distance(id, c.id);
        if (d < bestD) {
            bestD = d;
            best = c.id;
        }
    }
    return bestD <= Math.max(3, Math.floor(id.length / 4)) ? best : undefined;
}
