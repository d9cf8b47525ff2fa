/**
 * Text helpers for templates: escape decoding, whitespace stripping (`~`), and the `<<-` heredoc
 * indentation rule, each following hashicorp/hcl.
 */

/** Go's `unicode.IsSpace`, which hashicorp/hcl uses for `~` stripping and `<<-` indentation. */
export function isSpace(c: number): boolean {
    return (
        c === 32 || (c >= 9 && c <= 13) || c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
        c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000
    );
}

export function trimLeftSpace(s: string): string {
    let i = 0;
    while (i < s.length && isSpace(s.charCodeAt(i))) i++;
    return i === 0 ? s : s.slice(i);
}

export function trimRightSpace(s: string): string {
    let i = s.length;
    while (i > 0 && isSpace(s.charCodeAt(i - 1))) i--;
    return i === s.length ? s : s.slice(0, i);
}

/** A bad escape found while decoding, as a UTF-16 index range relative to the decoded raw text. */
export interface EscapeProblem {
    summary: string;
    detail: string;
    start: number;
    end: number;
}

/**
 * Decodes literal template text. Quoted strings decode backslash escapes; every template kind turns
 * `$${` into `${` and `%%{` into `%{`.
 */
export function decodeTemplateText(raw: string, quoted: boolean, problems: EscapeProblem[]): string {
    if ((!quoted || raw.indexOf("\\") < 0) && raw.indexOf("$${") < 0 && raw.indexOf("%%{") < 0) return raw;
    const out: string[] = [];
    let from = 0;
    const n = raw.length;
    for (let i = 0; i < n; i++) {
        const c = raw.charCodeAt(i);
        if ((c === 36 || c === 37) && raw.charCodeAt(i + 1) === c && raw.charCodeAt(i + 2) === 123) {
            out.push(raw.slice(from, i + 1));
            from = i + 2;
            i += 2;
            continue;
        }
        if (c !== 92 || !quoted) continue;
        out.push(raw.slice(from, i));
        const d = raw.charCodeAt(i + 1);
        let width = 2;
        switch (d) {
            case 110:
                out.push("\n");
                break;
            case 114:
                out.push("\r");
                break;
            case 116:
                out.push("\t");
                break;
            case 34:
                out.push('"');
                break;
            case 92:
                out.push("\\");
                break;
            case 117:
            case 85: {
                const digits = d === 117 ? 4 : 8;
                const hex = raw.slice(i + 2, i + 2 + digits);
                const cp = /^[0-9a-fA-F]+$/.test(hex) && hex.length === digits ? parseInt(hex, 16) : -1;
                if (cp < 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
                    problems.push({
                        summary: "Invalid escape sequence",
                        detail: `The escape \\${String.fromCharCode(d)} must be followed by ${digits} hexadecimal digits naming a Unicode code point.`,
                        start: i,
                        end: Math.min(n, i + 2 + digits),
                    });
                    out.push(raw.slice(i, Math.min(n, i + 2 + digits)));
                } else {
                    out.push(String.fromCodePoint(cp));
                }
                width = 2 + digits;
                break;
            }
            default: {
                const sel = Number.isNaN(d) ? "" : String.fromCodePoint(raw.codePointAt(i + 1)!);
                problems.push({
                    summary: "Invalid escape sequence",
                    detail: `The symbol "${sel}" is not a valid escape sequence selector.`,
                    start: i,
                    end: Math.min(n, i + 1 + sel.length),
                });
                out.push(sel);
                width = 1 + sel.length;
            }
        }
        i += width - 1;
        from = Math.min(n, i + 1);
    }
    out.push(raw.slice(from));
    return out.join("");
}

/**
 * Applies the `<<-` rule to heredoc literal chunks (one per line or line fragment, in order,
 * interpolations marked by `null`): the smallest indentation among lines that start with text is
 * removed from each of them. Blank lines do not count, and a line starting with an interpolation
 * has no indentation to remove.
 */
export function flushHeredocIndent(chunks: (string | null)[]): (string | null)[] {
    let min = Number.MAX_SAFE_INTEGER;
    let atLineStart = true;
    const adjust: number[] = [];
    for (let i = 0; i < chunks.length; i++) {
        const chunk = chunks[i];
        if (atLineStart) {
            atLineStart = false;
            let spaces: number;
            if (chunk !== null) {
                const trimmed = trimLeftSpace(chunk);
                if (trimmed.length === 0 && chunk.endsWith("\n")) spaces = Number.MAX_SAFE_INTEGER;
                else {
                    spaces = countCodePoints(chunk, chunk.length - trimmed.length);
                    adjust.push(i);
                }
            } else spaces = 0;
            if (spaces < min) min = spaces;
        }
        if (chunk !== null && chunk.endsWith("\n")) atLineStart = true;
    }
    const out = chunks.slice();
    for (const i of adjust) {
        const chunk = out[i]!;
        let cut = 0;
        for (let k = 0; k < min && cut < chunk.length; k++) cut += chunk.codePointAt(cut)! > 0xffff ? 2 : 1;
        out[i] = chunk.slice(cut);
    }
    return out;
}

function countCodePoints(s: string, end: number): number {
    let n = 0;
    for (let i = 0; i < end; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0xd800 && c <= 0xdbff) i++;
        n++;
    }
    return n;
}
