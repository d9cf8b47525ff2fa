/**
 * Colour decisions and the few ANSI styles the pretty reporter uses (no colour library needed).
 */

export interface ColorInputs {
    /** `--color` (true) or `--no-color` (false); undefined when neither was given. */
    flag?: boolean;
    env: Readonly<Record<string, string | undefined>>;
    isTTY: boolean;
}

/**
 * Whether to colour output: an explicit flag wins; then `FORCE_COLOR` (which Node lets override
 * `NO_COLOR`; `0`/`false` turns colour off); then `NO_COLOR` or `NODE_DISABLE_COLORS` (any
 * non-empty value) or `TERM=dumb` turn it off; otherwise colour follows whether the stream is a terminal.
 */
export function shouldUseColor({ flag, env, isTTY }: ColorInputs): boolean {
    if (flag !== undefined) return flag;
    const force = env.FORCE_COLOR;
    if (force !== undefined) return !(force === "0" || force.toLowerCase() === "false");
    if (env.NO_COLOR || env.NODE_DISABLE_COLORS) return false;
    if (env.TERM === "dumb") return false;
    return isTTY;
}

export type Style = (text: string) => string;

export interface Palette {
    bold: Style;
    dim: Style;
    red: Style;
    yellow: Style;
    blue: Style;
    magenta: Style;
    cyan: Style;
    green: Style;
    underline: Style;
}

function sgr(open: number, close: number): Style {
    return (text) => `\u001b[${open}m${text}\u001b[${close}m`;
}

const identity: Style = (text) => text;

/** ANSI styles when `enabled`, identity functions otherwise. */
export function palette(enabled: boolean): Palette {
    if (!enabled) {
        return { bold: identity, dim: identity, red: identity, yellow: identity, blue: identity, magenta: identity, cyan: identity, green: identity, underline: identity };
    }
    return {
        bold: sgr(1, 22),
        dim: sgr(2, 22),
        red: sgr(31, 39),
        yellow: sgr(33, 39),
        blue: sgr(34, 39),
        magenta: sgr(35, 39),
        cyan: sgr(36, 39),
        green: sgr(32, 39),
        underline: sgr(4, 24),
    };
}
