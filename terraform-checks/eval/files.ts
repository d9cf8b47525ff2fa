import * as fs from "node:fs";
import * as path from "node:path";

/**
 * The files a scan may read, addressed by POSIX paths relative to the scan root (`""` is the root).
 * Two implementations: the disk (confined to the root; symlinks that leave it are not followed) and
 * an in-memory map (tests, editors).
 */
export interface FileSource {
    /** The text of a file; `undefined` when it does not exist, `{ error }` when it cannot be read. */
    read(file: string): { text: string } | { error: string } | undefined;
    /** The bytes of a file (for `filebase64()` and the file hashes, which read binary files too); as {@link read} otherwise. */
    readBytes(file: string): { bytes: Uint8Array } | { error: string } | undefined;
    exists(file: string): boolean;
    /** Entries of a directory, or undefined when it is not one. Symlinks leaving the root are reported in `skipped`. */
    list(dir: string): { files: string[]; dirs: string[]; skipped: Array<{ path: string; reason: string }> } | undefined;
    isDirectory(p: string): boolean;
}

/** Normalises a relative POSIX path; undefined when it climbs above the root. */
export function normalize(p: string): string | undefined {
    const out: string[] = [];
    for (const part of p.replace(/\\/g, "/").split("/")) {
        if (part === "" || part === ".") continue;
        if (part === "..") {
            if (out.length === 0) return undefined;
            out.pop();
        } else out.push(part);
    }
    return out.join("/");
}

export function joinPath(dir: string, rel: string): string | undefined {
    if (rel.startsWith("/")) return undefined;
    return normalize(dir === "" ? rel : `${dir}/${rel}`);
}

export function dirOf(file: string): string {
    const i = file.lastIndexOf("/");
    return i < 0 ? "" : file.slice(0, i);
}

const CASE_SENSITIVE = process.platform === "linux";

/** Files on disk under `root`. */
export class DiskFiles implements FileSource {
    readonly root: string;
    private readonly realRoot: string;
    /**
     * Regular files (not links) listed in a directory whose real path is inside the root: reading
     * one needs no further checks, which saves three system calls a file on a large scan.
     */
    private readonly checkedFiles = new Set<string>();
    /**
     * Directory listings, read once per scan: root discovery, module loading, tfvars and
     * `fileset()` all list the same directories (a module library: each about 2.5 times).
     */
    private readonly listings = new Map<string, ReturnType<FileSource["list"]>>();
    /** Every entry name of each listed directory: a path whose directory was listed without it does not exist (no system call). */
    private readonly names = new Map<string, Set<string>>();
    /**
     * Directories reached from the root through real subdirectories (no links): inside the root
     * without asking realpath(3).
     */
    private readonly checkedDirs = new Set<string>();

    constructor(root: string) {
        this.root = path.resolve(root);
        let real = this.root;
        try {
            real = fs.realpathSync.native(this.root);
        } catch {
            // a missing root is reported by the scanner
        }
        this.realRoot = real;
    }

    private abs(rel: string): string {
        if (rel === "") return this.root;
        // Paths here are the scanner's relative POSIX paths: on POSIX they are appended as they are.
        if (path.sep === "/" && !rel.startsWith("/") && !rel.includes("..")) return `${this.root}/${rel}`;
        return path.join(this.root, ...rel.split("/"));
    }

    /** True when a directory on the way to `rel` was listed and the next step of the path is not in it. */
    private knownAbsent(rel: string): boolean {
        // Only where names are case-sensitive: elsewhere `Main.tf` opens `main.tf`.
        if (!CASE_SENSITIVE) return false;
        let dir = "";
        let from = 0;
        for (;;) {
            const slash = rel.indexOf("/", from);
            const name = rel.slice(from, slash < 0 ? undefined : slash);
            const listed = this.names.get(dir);
            if (listed !== undefined && !listed.has(name)) return true;
            if (slash < 0) return false;
            dir = rel.slice(0, slash);
            from = slash + 1;
        }
    }

    /** True when `rel` is a symbolic link that resolves back through itself (a loop), which `inside` cannot tell from a link leaving the root. */
    private isLoop(rel: string): boolean {
        try {
            fs.realpathSync.native(this.abs(rel));
            return false;
        } catch (err) {
            return (err as NodeJS.ErrnoException).code === "ELOOP";
        }
    }

    /** True when the real path of `rel` is inside the root (symlinks resolved). */
    private inside(rel: string): boolean {
        try {
            // One realpath(3) call instead of an lstat per path component: every file read asks.
            const real = fs.realpathSync.native(this.abs(rel));
            return real === this.realRoot || real.startsWith(this.realRoot + path.sep);
        } catch {
            return false;
        }
    }

    read(file: string): { text: string } | { error: string } | undefined {
        return this.load(file, (abs) => ({ text: fs.readFileSync(abs, "utf8") }));
    }

    readBytes(file: string): { bytes: Uint8Array } | { error: string } | undefined {
        return this.load(file, (abs) => ({ bytes: fs.readFileSync(abs) }));
    }

    /** Reads a file with `readAt` once it is known to be a regular file inside the root. */
    private load<T>(file: string, readAt: (abs: string) => T): T | { error: string } | undefined {
        if (this.knownAbsent(file)) return undefined;
        const abs = this.abs(file);
        if (this.checkedFiles.has(file)) {
            try {
                return readAt(abs);
            } catch {
                // changed since it was listed: the full checks below say what it is now
            }
        }
        if (!fs.existsSync(abs)) {
            try {
                fs.lstatSync(abs);
                if (this.isLoop(file)) return { error: "the file is a symbolic link loop (it resolves back to itself); it is not followed" };
                return { error: "the file is a symbolic link whose target does not exist" };
            } catch {
                return undefined;
            }
        }
        if (!this.inside(file)) return { error: "the file is a symbolic link that leaves the scan root; it is not followed" };
        try {
            const stat = fs.statSync(abs);
            if (!stat.isFile()) return { error: "not a regular file" };
            return readAt(abs);
        } catch (err) {
            return { error: (err as NodeJS.ErrnoException).code ?? (err as Error).message };
        }
    }

    exists(file: string): boolean {
        if (this.knownAbsent(file)) return false;
        return fs.existsSync(this.abs(file)) && this.inside(file);
    }

    isDirectory(p: string): boolean {
        try {
            return fs.statSync(this.abs(p)).isDirectory() && this.inside(p);
        } catch {
            return false;
        }
    }

    list(dir: string): ReturnType<FileSource["list"]> {
        if (this.listings.has(dir)) return this.listings.get(dir);
        const listing = this.readListing(dir);
        this.listings.set(dir, listing);
        return listing;
    }

    /** Forgets the listings read so far (after `--download-modules` has written into the tree). */
    forgetListings(): void {
        this.listings.clear();
        this.names.clear();
    }

    private readListing(dir: string): ReturnType<FileSource["list"]> {
        let entries: fs.Dirent[];
        try {
            entries = fs.readdirSync(this.abs(dir), { withFileTypes: true });
        } catch {
            return undefined;
        }
        const files: string[] = [];
        const dirs: string[] = [];
        const skipped: Array<{ path: string; reason: string }> = [];
        const dirInside = this.checkedDirs.has(dir) || this.inside(dir);
        const names = new Set<string>();
        this.names.set(dir, names);
        for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
            names.add(e.name);
            const rel = dir === "" ? e.name : `${dir}/${e.name}`;
            if (e.isSymbolicLink()) {
                if (!this.inside(rel)) {
                    const loop = this.isLoop(rel);
                    skipped.push({ path: rel, reason: loop ? "a symbolic link loop: it resolves back to itself (not followed)" : "a symbolic link that leaves the scan root (not followed)" });
                    continue;
                }
                // Links inside the root are read as files but never descended into (no loops).
                try {
                    if (fs.statSync(this.abs(rel)).isFile()) files.push(rel);
                } catch {
                    skipped.push({ path: rel, reason: "a broken symbolic link" });
                }
                continue;
            }
            if (e.isDirectory()) {
                dirs.push(rel);
                if (dirInside) this.checkedDirs.add(rel);
            } else if (e.isFile()) {
                files.push(rel);
                if (dirInside) this.checkedFiles.add(rel);
            }
        }
        return { files, dirs, skipped };
    }
}

/** Files held in memory: `{ "main.tf": "...", "modules/net/main.tf": "..." }`. */
export class MemoryFiles implements FileSource {
    private readonly files = new Map<string, string>();
    private readonly dirs = new Set<string>([""]);

    constructor(files: Record<string, string>) {
        for (const [name, text] of Object.entries(files)) {
            const n = normalize(name);
            if (n === undefined || n === "") continue;
            this.files.set(n, text);
            let d = dirOf(n);
            for (;;) {
                this.dirs.add(d);
                if (d === "") break;
                d = dirOf(d);
            }
        }
    }

    read(file: string): { text: string } | undefined {
        const text = this.files.get(file);
        return text === undefined ? undefined : { text };
    }

    readBytes(file: string): { bytes: Uint8Array } | undefined {
        const text = this.files.get(file);
        return text === undefined ? undefined : { bytes: Buffer.from(text, "utf8") };
    }

    exists(file: string): boolean {
        return this.files.has(file) || this.dirs.has(file);
    }

    isDirectory(p: string): boolean {
        return this.dirs.has(p);
    }

    list(dir: string): ReturnType<FileSource["list"]> {
        if (!this.dirs.has(dir)) return undefined;
        const prefix = dir === "" ? "" : dir + "/";
        const files = [...this.files.keys()].filter((f) => f.startsWith(prefix) && !f.slice(prefix.length).includes("/")).sort();
        const dirs = [...this.dirs].filter((d) => d !== dir && d.startsWith(prefix) && !d.slice(prefix.length).includes("/")).sort();
        return { files, dirs, skipped: [] };
    }
}
