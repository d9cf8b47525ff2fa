export { globToRegExp } from "../catalog/run";

/** Whether a selector is a glob (`*`) rather than an exact id. */
export function isGlob(text: string): boolean {
    return text.includes("*");
}
