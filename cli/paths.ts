import * as fs from "node:fs";
import * as path from "node:path";

/** The installed package's root (this file runs from `dist/cli/`). */
export const PACKAGE_ROOT = path.resolve(__dirname, "..", "..");

/** A file shipped in the package, e.g. `schemas/mlguard-config.schema.json`. */
export function packageFile(relative: string): string {
    return path.join(PACKAGE_ROOT, relative);
}

/** The package version, read without loading anything else. */
export function packageVersion(): string {
    return (JSON.parse(fs.readFileSync(packageFile("package.json"), "utf8")) as { version: string }).version;
}
