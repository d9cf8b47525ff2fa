/**
 * The child process `mlguard preview` runs a Pulumi program in. It executes the user's program, so
 * it runs apart from the CLI, with a timeout, no credentials in its environment and no network:
 * every provider call is answered by the mocks of `mlguard/policypack/testing`, and a program that
 * opens a connection or resolves a host name fails with a message saying so. TypeScript programs
 * are compiled on load with the TypeScript the program (or mlguard) has installed, using the
 * program's own `tsconfig.json`, with inline source maps so the call stack captured at each
 * resource's construction points at the `.ts` line.
 *
 * Protocol: the parent sends one {@link WorkerRequest} over IPC; the worker answers with one
 * {@link WorkerResponse} and exits.
 */
import * as fs from "node:fs";
import * as Module from "node:module";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import type { PackSettings } from "./policies";
import { type ConfigValue, type PolicyDiagnostic, type SourceFrame, analyzeStack, captureModule } from "./testing";

export interface WorkerRequest {
    /** Absolute program directory (holds Pulumi.yaml). */
    dir: string;
    /** Absolute entry module (index.ts, index.js or package.json#main). */
    entry: string;
    project: string;
    stack: string;
    config: Record<string, ConfigValue>;
    settings: PackSettings;
}

/** Where a resource's constructor was called in the program: a file relative to `dir`, 1-based. */
export interface ConstructorSite {
    file: string;
    line: number;
    column: number;
}

export interface ModeReport {
    resources: Array<{ urn: string; type: string; name: string }>;
    diagnostics: PolicyDiagnostic[];
}

export type WorkerResponse =
    | { ok: true; preview: ModeReport; update: ModeReport; sites: Record<string, ConstructorSite>; files: string[] }
    | { ok: false; error: string };

/** The error a program gets when it reaches for the network. */
export class NetworkDisabledError extends Error {
    constructor(target: string) {
        super(
            `mlguard preview runs the program without network access, but it tried to reach ${target}. ` +
                "Provider calls are answered by mocks; a program that fetches data itself must get it from config or a file when previewed.",
        );
        this.name = "NetworkDisabledError";
    }
}

/** Makes every outgoing connection and host-name look-up fail with {@link NetworkDisabledError}. */
export function disableNetwork(): void {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const net = require("node:net") as typeof import("node:net");
    const dns = require("node:dns") as typeof import("node:dns");
    /* eslint-enable @typescript-eslint/no-require-imports */
    const describe = (args: unknown[]): string => {
        const [first, second] = args as [unknown, unknown];
        if (first && typeof first === "object") {
            const o = first as { host?: string; port?: number; path?: string };
            return o.path ? `the socket ${o.path}` : `${o.host ?? "localhost"}:${o.port ?? "?"}`;
        }
        return typeof first === "number" ? `${typeof second === "string" ? second : "localhost"}:${first}` : String(first);
    };
    net.Socket.prototype.connect = function connect(...args: unknown[]) {
        throw new NetworkDisabledError(describe(args));
    } as typeof net.Socket.prototype.connect;
    const refuse = (host: unknown) => {
        throw new NetworkDisabledError(`the host ${String(host)}`);
    };
    dns.lookup = refuse as unknown as typeof dns.lookup;
    dns.resolve = refuse as unknown as typeof dns.resolve;
    dns.promises.lookup = (async (host: unknown) => refuse(host)) as typeof dns.promises.lookup;
    globalThis.fetch = (async (input: unknown) => {
        throw new NetworkDisabledError(typeof input === "string" ? input : String((input as { url?: string })?.url ?? input));
    }) as typeof fetch;
}

type TypeScript = typeof import("typescript");

/** Loads the program's TypeScript, else mlguard's; `undefined` when neither is installed. */
function loadTypeScript(dir: string): TypeScript | undefined {
    for (const from of [dir, __dirname]) {
        try {
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            return require(require.resolve("typescript", { paths: [from] })) as TypeScript;
        } catch {
            // Try the next place.
        }
    }
    return undefined;
}

/**
 * Compiles `.ts` files on `require` with the program's compiler options (CommonJS, inline source
 * maps: Node maps stack traces through them when source maps are enabled). Type errors are not
 * reported: `pulumi preview` type-checks; here only the resources matter.
 */
export function registerTypeScript(dir: string): void {
    const ts = loadTypeScript(dir);
    if (!ts) throw new Error(`the program in ${dir} is TypeScript, but no \`typescript\` package is installed in it or next to mlguard; run \`npm install --save-dev typescript\``);
    let options: import("typescript").CompilerOptions = { target: ts.ScriptTarget.ES2020, esModuleInterop: true };
    const tsconfig = path.join(dir, "tsconfig.json");
    if (fs.existsSync(tsconfig)) {
        const read = ts.readConfigFile(tsconfig, (f) => fs.readFileSync(f, "utf8"));
        if (read.error) throw new Error(`${tsconfig}: ${ts.flattenDiagnosticMessageText(read.error.messageText, "\n")}`);
        options = ts.parseJsonConfigFileContent(read.config, ts.sys, dir, undefined, tsconfig).options;
    }
    const compilerOptions: import("typescript").CompilerOptions = {
        ...options,
        module: ts.ModuleKind.CommonJS,
        moduleResolution: ts.ModuleResolutionKind.Node10,
        sourceMap: false,
        inlineSourceMap: true,
        inlineSources: false,
        declaration: false,
        declarationMap: false,
        noEmit: false,
        incremental: false,
        composite: false,
    };
    const extensions = (Module as unknown as { _extensions: Record<string, (m: { _compile(code: string, file: string): void }, file: string) => void> })._extensions;
    extensions[".ts"] = (m, file) => {
        const out = ts.transpileModule(fs.readFileSync(file, "utf8"), { compilerOptions, fileName: file });
        m._compile(out.outputText, file);
    };
}

/** The first frame in the program's own files (not in node_modules, not outside `dir`). */
export function constructorSite(stack: readonly SourceFrame[], dir: string): ConstructorSite | undefined {
    for (const frame of stack) {
        let file: string;
        try {
            file = frame.uri.startsWith("file:") ? fileURLToPath(frame.uri) : frame.uri;
        } catch {
            continue;
        }
        const rel = path.relative(dir, file);
        if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel) || rel.split(path.sep).includes("node_modules")) continue;
        return { file: rel.split(path.sep).join("/"), line: frame.line, column: frame.column };
    }
    return undefined;
}

function errorText(err: unknown, dir?: string): string {
    if (err instanceof Error) {
        // The frames in the program's own files say where it failed; the rest is the runtime and mlguard.
        const frames = (err.stack ?? "")
            .split("\n")
            .slice(1)
            .filter((l) => !l.includes("node_modules") && (dir === undefined || l.includes(dir + path.sep)))
            .slice(0, 3);
        return [err.message, ...frames.map((f) => f.trim())].join("\n    ");
    }
    return String(err);
}

/**
 * The program directory as stack frames and `require.cache` name its files: with symbolic links
 * resolved, so a program reached through a link is still recognised as the program's own files.
 */
function realDirectory(dir: string): string {
    try {
        return fs.realpathSync(dir);
    } catch {
        return dir;
    }
}

/** Runs the program of `req` in both modes; `req.dir` names the program directory as {@link realDirectory} gives it. */
export async function runRequest(req: WorkerRequest): Promise<WorkerResponse> {
    const sites: Record<string, ConstructorSite> = {};
    const parents = new Map<string, string | undefined>();
    const run = async (preview: boolean): Promise<ModeReport> => {
        const resources = await captureModule(req.entry, {
            preview,
            project: req.project,
            stack: req.stack,
            config: req.config,
            resolveFrom: req.dir,
            onRegister: (r) => {
                const site = constructorSite(r.stack, req.dir);
                if (site) sites[r.urn] = site;
            },
        });
        for (const r of resources) parents.set(r.urn, r.parent);
        const { diagnostics } = await analyzeStack(resources, { settings: req.settings });
        return { resources: resources.map((r) => ({ urn: r.urn, type: r.type, name: r.name })), diagnostics };
    };
    try {
        const preview = await run(true);
        const update = await run(false);
        // A resource constructed outside the program's files (inside a component from a package)
        // is located at its nearest ancestor's constructor call.
        for (const urn of parents.keys()) {
            let at: string | undefined = urn;
            while (at && !sites[at]) at = parents.get(at);
            if (at && at !== urn) sites[urn] = sites[at];
        }
        const files = Object.keys(require.cache)
            .map((f) => path.relative(req.dir, f))
            .filter((rel) => !rel.startsWith("..") && !path.isAbsolute(rel) && !rel.split(path.sep).includes("node_modules"))
            .map((rel) => rel.split(path.sep).join("/"))
            .sort();
        return { ok: true, preview, update, sites, files };
    } catch (err) {
        return { ok: false, error: errorText(err, req.dir) };
    }
}

function main(): void {
    process.setSourceMapsEnabled(true);
    const send = (msg: WorkerResponse) => process.send!(msg, () => process.exit(0));
    let dir: string | undefined;
    process.on("unhandledRejection", (err) => send({ ok: false, error: errorText(err, dir) }));
    process.on("uncaughtException", (err) => send({ ok: false, error: errorText(err, dir) }));
    process.once("message", (given: WorkerRequest) => {
        const req = { ...given, dir: realDirectory(given.dir) };
        dir = req.dir;
        try {
            disableNetwork();
            if (/\.[cm]?ts$/.test(req.entry)) registerTypeScript(given.dir);
        } catch (err) {
            send({ ok: false, error: errorText(err) });
            return;
        }
        void runRequest(req).then(send);
    });
}

if (require.main === module) main();
