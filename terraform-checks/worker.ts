/**
 * A worker thread of a concurrent scan: scans a share of the root modules and posts back each root
 * module's findings as soon as they are ready (packed, see `transfer.ts`), then its diagnostics and
 * counts. Controls are functions, so they travel by id.
 */
import { parentPort, workerData } from "node:worker_threads";
import { allControls } from "../catalog/controls";
import { plainDiagnostic } from "./diagnostics";
import { DiskFiles } from "./eval/files";
import { type RootTarget, type ScanOptions, Workspace, diskVarFileReader, scanRoots } from "./scanner";
import { pack } from "./transfer";

interface Job {
    root: string;
    cwd: string;
    roots: Array<{ index: number; target: RootTarget }>;
    controlIds: string[];
    options: ScanOptions;
}

const job = workerData as Job;
const ws = new Workspace(new DiskFiles(job.root));
const controls = allControls.filter((c) => job.controlIds.includes(c.id));
const readVarFile = diskVarFileReader(job.root, job.cwd);
for (const { index, target } of job.roots) {
    const findings = pack(scanRoots(ws, [target], job.options, controls, readVarFile));
    parentPort?.postMessage({ kind: "root", index, findings }, [findings.data.buffer as ArrayBuffer]);
}
parentPort?.postMessage({ kind: "done", diagnostics: ws.diagnostics.map(plainDiagnostic), stats: ws.stats, files: [...ws.fileBytes], unscanned: [...ws.unscanned.values()] });
